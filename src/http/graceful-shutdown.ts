// Stopping the HTTP server without cutting a request. Node's `server.close()` destroys every connection it holds
// idle at that moment, including one whose request is still in the kernel's buffer, unread (the client sees a
// reset, though it sent its request before the server stopped). Here the listener closes at once (new connections
// are refused), an idle connection is kept for IDLE_LINGER_MS so a request already on its way is read and answered
// (with `Connection: close`), and a connection with requests in flight closes after its last answer.
import type http from 'node:http';
import net from 'node:net';

/** How long a connection without a request in flight stays open once draining starts. */
const IDLE_LINGER_MS = 2000;
/** After the grace, how long requests whose database work was cancelled get to answer before being cut. */
const SETTLE_MS = 3000;

export interface DrainOptions {
  /** How long requests in flight may take. */
  graceMs: number;
  /**
   * Called when the grace runs out with requests still in flight: ends their database work, so they answer (an
   * error; a cancelled transaction commits nothing) instead of being cut where a commit may already have happened.
   */
  onGraceExpired?: () => Promise<void>;
  /** Called once the listener is closed: from then on, new connections are refused. */
  onListenerClosed?: () => void;
}

export class ConnectionDrain {
  private readonly inFlight = new Map<net.Socket, Set<http.ServerResponse>>();
  private draining = false;

  constructor(private readonly server: http.Server) {
    server.on('connection', (socket: net.Socket) => {
      this.inFlight.set(socket, new Set());
      socket.once('close', () => this.inFlight.delete(socket));
      // Accepted between SIGTERM and the listener closing: its request is served like any other's.
      if (this.draining) this.endWhenIdle(socket);
    });
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      const responses = this.inFlight.get(req.socket) ?? new Set();
      this.inFlight.set(req.socket, responses);
      responses.add(res);
      if (this.draining) res.shouldKeepAlive = false;
      res.once('close', () => {
        responses.delete(res);
        if (this.draining) this.endWhenIdle(req.socket);
      });
    });
  }

  /** True from the start of drain(): readiness probes answer "draining". */
  get isDraining(): boolean {
    return this.draining;
  }

  /** Resolves when every connection has closed: answered, idle past the linger, or cut after the grace. */
  async drain({ graceMs, onGraceExpired, onListenerClosed }: DrainOptions): Promise<void> {
    this.draining = true;
    // A connection the kernel completed before the signal may still wait in the accept queue, its request sent:
    // closing the listener now would reset it. libuv accepts every queued connection whenever the listener polls
    // readable, and the event loop polls once between these two turns; the listener closes right after, so
    // connections are refused from then on.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    // net.Server's close, not http.Server's: the latter destroys idle connections (see above).
    const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(this.server, () => resolve()));
    onListenerClosed?.();
    for (const [socket, responses] of this.inFlight) {
      for (const res of responses) if (!res.headersSent) res.shouldKeepAlive = false;
      this.endWhenIdle(socket);
    }
    const grace = setTimeout(() => void this.cutAfterGrace(onGraceExpired), graceMs);
    await closed;
    clearTimeout(grace);
  }

  private endWhenIdle(socket: net.Socket): void {
    if (this.inFlight.get(socket)?.size) return;
    const linger = setTimeout(() => {
      if (!this.inFlight.get(socket)?.size) socket.end();
    }, IDLE_LINGER_MS);
    linger.unref();
    socket.once('close', () => clearTimeout(linger));
  }

  private async cutAfterGrace(onGraceExpired?: () => Promise<void>): Promise<void> {
    if (this.inFlight.size === 0) return;
    await onGraceExpired?.().catch(() => undefined);
    setTimeout(() => {
      for (const socket of this.inFlight.keys()) socket.destroy();
    }, SETTLE_MS).unref();
  }
}
