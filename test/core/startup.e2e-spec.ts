import { serverEnv, spawnServer } from '../support/server-process';

describe('start-up with a bad configuration', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
  ])('refuses %j: exits non-zero with one line naming %s', async (env, variable) => {
    const server = spawnServer(serverEnv(['JWT_SECRET'], env));
    try {
      const code = await server.exited;
      expect(code).toBe(78); // EX_CONFIG
      const lines = server.stderr().trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} must be `));
      expect(server.stdout()).toBe('');
    } finally {
      server.kill();
    }
  });
});
