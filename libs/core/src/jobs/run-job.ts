import { Logger } from '@nestjs/common';

/**
 * Runs one tick of a scheduled job (@Cron). A failure is logged and the job simply runs again on
 * its next tick: a job must never crash the process. Answers the work's result, or undefined.
 */
export async function runJob<T>(
  logger: Logger,
  job: string,
  work: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    logger.error({ err: error, job }, 'A scheduled job failed; it runs again on its next tick');
    return undefined;
  }
}
