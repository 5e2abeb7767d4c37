// Counts the SQL statements a server sends, at the PostgreSQL wire protocol: a TCP proxy in front of the database
// counts simple-protocol Query ('Q') and extended-protocol Execute ('E') messages from its clients, leaving out
// transaction control (BEGIN/COMMIT/ROLLBACK/SAVEPOINT/RELEASE), like the server's own counter (src/db/pool.ts).
// It sees every statement whatever library sends it (Prisma, pg), which the in-process counter cannot promise.
// Used only for the census phase, never during timed rounds: the extra hop would add latency.
import net from 'node:net';

export interface StatementCounter {
  port: number;
  statements(): number;
  close(): Promise<void>;
}

const TRANSACTION_CONTROL = /^\s*(BEGIN|START TRANSACTION|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

export async function startStatementCounter(upstream: { host: string; port: number }): Promise<StatementCounter> {
  let statements = 0;
  // Extended protocol: Parse gives a (possibly named, reused) statement its text, Bind makes a portal of it,
  // Execute runs the portal. Track names so an Execute of BEGIN/COMMIT is not counted either.
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const db = net.connect(upstream.port, upstream.host);
    sockets.add(client);
    sockets.add(db);
    db.pipe(client);
    let buffer: Buffer = Buffer.alloc(0);
    let startupDone = false;
    const transactionControl = new Map<string, boolean>(); // statement name -> is transaction control
    const portals = new Map<string, boolean>(); // portal name -> is transaction control
    client.on('data', (chunk: Buffer) => {
      db.write(chunk);
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      while (true) {
        if (!startupDone) {
          // StartupMessage / SSLRequest: int32 length, no type byte.
          if (buffer.length < 8) break;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) break;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(length);
          if (code !== 80877103 && code !== 80877104) startupDone = true; // not SSLRequest / GSSENCRequest
          continue;
        }
        if (buffer.length < 5) break;
        const type = String.fromCharCode(buffer[0]);
        const length = buffer.readInt32BE(1);
        if (buffer.length < length + 1) break;
        const body = buffer.subarray(5, length + 1);
        if (type === 'Q') {
          if (!TRANSACTION_CONTROL.test(body.toString('utf8', 0, Math.min(body.length, 40)))) statements += 1;
        } else if (type === 'P') {
          const nameEnd = body.indexOf(0);
          const name = body.toString('utf8', 0, nameEnd);
          transactionControl.set(
            name,
            TRANSACTION_CONTROL.test(body.toString('utf8', nameEnd + 1, Math.min(body.length, nameEnd + 41))),
          );
        } else if (type === 'B') {
          const portalEnd = body.indexOf(0);
          const statementEnd = body.indexOf(0, portalEnd + 1);
          portals.set(
            body.toString('utf8', 0, portalEnd),
            transactionControl.get(body.toString('utf8', portalEnd + 1, statementEnd)) ?? false,
          );
        } else if (type === 'E') {
          const portalEnd = body.indexOf(0);
          if (!portals.get(body.toString('utf8', 0, portalEnd))) statements += 1;
        }
        buffer = buffer.subarray(length + 1);
      }
    });
    const end = () => {
      client.destroy();
      db.destroy();
      sockets.delete(client);
      sockets.delete(db);
    };
    client.on('close', end);
    db.on('close', end);
    client.on('error', end);
    db.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    statements: () => statements,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
