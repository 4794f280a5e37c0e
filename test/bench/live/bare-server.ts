/**
 * The baseline for the live-room bench: a bare socket.io server with the same namespace, room
 * and wire shapes as the Roundtable room (`session.join` → ack; `message.send` → broadcast
 * `message.new` to `session:<id>`, then ack `{ok: true, seq}`), and nothing else: no auth, no
 * validation, no storage. Same Socket.IO options as the API (LiveIoAdapter).
 *
 *   PORT=4000 node -r @swc-node/register test/bench/live/bare-server.ts
 *
 * Prints `listening <port>` once ready; SIGTERM closes it.
 */
import { createServer } from 'node:http';
import { Server, Socket } from 'socket.io';

interface SendPayload {
  sessionId: string;
  clientId: string;
  text: string;
}

type Ack = (response: Record<string, unknown>) => void;

const httpServer = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('ok');
});
const io = new Server(httpServer, {
  cors: { origin: true, credentials: true },
  maxHttpBufferSize: 1_000_000,
});
const seqs = new Map<string, number>();

io.of('/live').on('connection', (socket: Socket) => {
  const author = { id: socket.id, handle: `bare-${socket.id}`, displayName: 'Bare member' };
  socket.on('session.join', (payload: { sessionId: string }, ack?: Ack) => {
    void socket.join(`session:${payload.sessionId}`);
    ack?.({ ok: true, sessionId: payload.sessionId, lastSeq: seqs.get(payload.sessionId) ?? 0 });
  });
  socket.on('message.send', (payload: SendPayload, ack?: Ack) => {
    const seq = (seqs.get(payload.sessionId) ?? 0) + 1;
    seqs.set(payload.sessionId, seq);
    socket.nsp.to(`session:${payload.sessionId}`).emit('message.new', {
      clientId: payload.clientId,
      author,
      text: payload.text,
      sentAt: new Date().toISOString(),
      sessionId: payload.sessionId,
      seq,
    });
    ack?.({ ok: true, seq });
  });
});

httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`listening ${port}\n`);
});
process.once('SIGTERM', () => {
  void io.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
