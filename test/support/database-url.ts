/** The same server's URL with another database name. */
export function databaseUrlFor(url: string | undefined, database: string): string {
  if (!url) throw new Error('DATABASE_URL is not set (globalSetup sets it).');
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
