import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

/** The ConfigError `loadConfig(env)` throws; fails the test when it does not throw one. */
function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

const PRODUCTION_SECRET = 'p'.repeat(32);

describe('loadConfig', () => {
  it('has working defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.nodeEnv).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(resolve('.data'));
    expect(config.databaseUrl).toBeNull();
    expect(config.redisUrl).toBeNull();
    expect(config.jwtSecretGenerated).toBe(true);
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.demoData).toBeNull();
    expect(config.logLevel).toBe('info');
    expect(config.retention).toEqual({ readNotificationDays: 180, finishedAuthDays: 30 });
    expect(config.runJobs).toBe(true);
    // A fresh secret per process: a restart signs everyone out, by design in development.
    expect(loadConfig({}).jwtSecret).not.toBe(config.jwtSecret);
  });

  it('reads valid values', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: ' 8080 ',
      DATA_DIR: '/var/lib/roundtable',
      DATABASE_URL: 'postgresql://rt:pw@db:5432/rt',
      REDIS_URL: 'rediss://:pw@cache:6380',
      JWT_SECRET: PRODUCTION_SECRET,
      DEMO_DATA: 'no',
      LOG_LEVEL: 'warn',
      READ_NOTIFICATION_RETENTION_DAYS: '365',
      FINISHED_AUTH_RETENTION_DAYS: '7',
      RUN_JOBS: 'false',
    });
    expect(config).toMatchObject({
      nodeEnv: 'production',
      port: 8080,
      dataDir: '/var/lib/roundtable',
      databaseUrl: 'postgresql://rt:pw@db:5432/rt',
      redisUrl: 'rediss://:pw@cache:6380',
      jwtSecret: PRODUCTION_SECRET,
      jwtSecretGenerated: false,
      demoData: false,
      logLevel: 'warn',
      graphqlSchemaFile: null,
      retention: { readNotificationDays: 365, finishedAuthDays: 7 },
      runJobs: false,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', /whole number from 0 to 65535.*"abc"/],
    [{ PORT: '70000' }, 'PORT', /whole number from 0 to 65535.*"70000"/],
    [{ PORT: '-1' }, 'PORT', /whole number from 0 to 65535/],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV', /one of development, production, test.*"staging"/],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /URL starting with postgres: or postgresql:/],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', /URL starting with postgres:/],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL', /URL starting with redis: or rediss:/],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET', /set in production.*\(it is not set\)/],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET', /at least 32 characters/],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA', /true or false.*"maybe"/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /one of fatal, error, warn, info, debug, trace, silent/],
    [
      { READ_NOTIFICATION_RETENTION_DAYS: '0' },
      'READ_NOTIFICATION_RETENTION_DAYS',
      /whole number from 1 to 3650/,
    ],
    [{ RUN_JOBS: 'sometimes' }, 'RUN_JOBS', /true or false.*"sometimes"/],
    [{ FINISHED_AUTH_RETENTION_DAYS: 'a week' }, 'FINISHED_AUTH_RETENTION_DAYS', /from 1 to 3650/],
  ])('refuses %j, naming %s and what it expects', (env, variable, expected) => {
    const error = configErrorFor(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(`${variable} must be`);
    expect(error.message).toMatch(expected);
  });

  it('never echoes a JWT secret that is too short', () => {
    const error = configErrorFor({ JWT_SECRET: 'hunter2-hunter2' });
    expect(error.message).not.toContain('hunter2');
  });

  it.each([
    ['DATABASE_URL', 'mysql://app:s3cret-pw@db.example.org/app'],
    ['DATABASE_URL', 'postgres://app:s3cret-pw@db.example.org:notaport/app'],
    ['DATABASE_URL', 'mysql://app:s3cret@pw@db.example.org/app'],
    ['DATABASE_URL', 'mysql://app:s3cret/pw@db.example.org/app'],
    ['DATABASE_URL', 'host=db user=app password=s3cret-pw dbname=app'],
    ['REDIS_URL', 'http://:s3cret-pw@cache.example.org:6379'],
  ])('does not echo the password in a bad %s (%s)', (variable, value) => {
    const error = configErrorFor({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).not.toMatch(/s3cret|-pw/);
    expect(error.message).toContain('***');
  });
});
