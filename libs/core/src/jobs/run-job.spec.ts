import { Logger } from '@nestjs/common';
import { runJob } from './run-job';

describe('runJob', () => {
  it('answers what the work answers', async () => {
    const logger = { error: jest.fn() } as unknown as Logger;
    expect(await runJob(logger, 'job', async () => 42)).toBe(42);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('logs a failure with the job’s name instead of throwing it', async () => {
    const error = jest.fn();
    const failure = new Error('database down');
    const result = await runJob({ error } as unknown as Logger, 'notifications.retention', () =>
      Promise.reject(failure),
    );
    expect(result).toBeUndefined();
    expect(error).toHaveBeenCalledWith(
      { err: failure, job: 'notifications.retention' },
      expect.stringContaining('failed'),
    );
  });
});
