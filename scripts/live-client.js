#!/usr/bin/env node
// A small live-room client: joins a roundtable's room over /live and prints what happens.
// Lines typed on stdin are sent as chat messages. After a dropped connection it reconnects and
// resumes from the last seq it holds, as a real client should.
//
//   node scripts/live-client.js --session <roundtableId> --token <accessToken> [--url http://localhost:3000]
//   node scripts/live-client.js --session <roundtableId> --email kwame@roundtable.demo --password <pw>
//   ... [--say "Hello room"] (send one message, then keep listening; Ctrl-C to leave)
const { randomUUID } = require('node:crypto');
const readline = require('node:readline');
const { io } = require('socket.io-client');

function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    out[name] = argv[i + 1];
    i++;
  }
  return out;
}

const opts = args();
const url = opts.url ?? process.env.ROUNDTABLE_URL ?? 'http://localhost:3000';
const sessionId = opts.session;
if (!sessionId || !(opts.token || (opts.email && opts.password))) {
  console.error(
    'usage: live-client.js --session <roundtableId> (--token <accessToken> | --email <e> --password <p>) [--url <url>] [--say <text>]',
  );
  process.exit(64);
}

const time = () => new Date().toISOString().slice(11, 23);
const print = (label, data) =>
  console.log(`${time()} ${label}`, data === undefined ? '' : JSON.stringify(data));

async function login() {
  if (opts.token) return opts.token;
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
      variables: { input: { email: opts.email, password: opts.password } },
    }),
  });
  const body = await response.json();
  if (!body.data) throw new Error(`login failed: ${JSON.stringify(body.errors)}`);
  return body.data.login.accessToken;
}

async function main() {
  const token = await login();
  // Seqs are gap-free: `held` is the highest seq up to which we have everything (null before the
  // first join); `ahead` keeps what arrived past a gap. Each seq is shown once.
  let held = null;
  const ahead = new Set();
  const socket = io(`${url}/live`, { auth: { token }, transports: ['websocket'] });

  function show(event, payload) {
    if (event === 'message.new')
      print(`#${payload.seq} ${payload.author?.handle ?? '?'}:`, payload.text);
    else print(event, payload);
  }

  /** A stored event (with a seq): shown unless already held. */
  function receive(event, payload) {
    if (held !== null && (payload.seq <= held || ahead.has(payload.seq))) return;
    show(event, payload);
    ahead.add(payload.seq);
    while (held !== null && ahead.delete(held + 1)) held++;
  }

  socket.onAny((event, payload) => {
    if (payload && typeof payload.seq === 'number') receive(event, payload);
    else show(event, payload);
  });

  socket.on('connect', async () => {
    const resuming = held !== null;
    const ack = await socket
      .timeout(10_000)
      .emitWithAck(
        resuming ? 'session.resume' : 'session.join',
        resuming ? { sessionId, afterSeq: held } : { sessionId },
      );
    if (!ack.ok) {
      print('refused', ack.error);
      process.exit(1);
    }
    if (resuming && !ack.truncated) {
      print(`resumed after #${held}: ${ack.events.length} missed event(s)`);
      for (const { type, payload } of ack.events) receive(type, payload);
      return;
    }
    const { messages = [], roster = [] } = ack;
    print(
      `joined (${ack.state}), lastSeq ${ack.lastSeq}; in the room:`,
      roster.map((m) => m.handle),
    );
    for (const m of messages) show('message.new', m);
    held = ack.lastSeq;
    for (const seq of [...ahead]) if (seq <= held) ahead.delete(seq);
    while (ahead.delete(held + 1)) held++;
    if (opts.say) await send(opts.say);
  });

  socket.on('connect_error', (error) => print('connect_error', error.message));
  socket.on('disconnect', (reason) => print('disconnected', reason));

  async function send(text) {
    const ack = await socket
      .timeout(10_000)
      .emitWithAck('message.send', { sessionId, clientId: randomUUID(), text });
    if (!ack.ok) print('message refused', ack.error);
  }

  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim()) send(line).catch((error) => print('send failed', error.message));
  });
  process.on('SIGINT', () => {
    socket.emit('session.leave', { sessionId }, () => process.exit(0));
    setTimeout(() => process.exit(0), 500).unref();
  });
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
