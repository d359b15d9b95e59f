import pg from 'pg';

/** Runs one administrative statement (CREATE / DROP DATABASE) on its own connection to the server. */
export async function adminStatement(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
