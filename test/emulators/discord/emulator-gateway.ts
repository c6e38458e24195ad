import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildPayload, snowflake, type EmuState, type EmuUser } from './emulator-state.js';

/**
 * The gateway half of the emulator: HELLO → IDENTIFY → READY → GUILD_CREATE,
 * heartbeats answered with HEARTBEAT_ACK, RESUME answered with RESUMED, and
 * dispatches (INTERACTION_CREATE) pushed by tests. JSON encoding, no compression
 * (discord.js only compresses when zlib-sync is installed).
 */

export interface GatewayOptions {
  server: Server;
  state: EmuState;
  bot: EmuUser;
  token: string;
  applicationId: string;
  heartbeatIntervalMs: number;
  wsUrl: () => string;
}

export interface Gateway {
  /** Sends a dispatch to every identified session; resolves false when none is connected. */
  dispatch(type: string, data: unknown): boolean;
  /** Resolves once a session has identified and received GUILD_CREATE. */
  ready(): Promise<void>;
  readonly identifies: number;
  readonly heartbeats: number;
  readonly resumes: number;
  /** Drops every connection with a close code (4000 = unknown error: discord.js resumes). */
  disconnectAll(code?: number): void;
  close(): Promise<void>;
}

interface Session {
  socket: WebSocket;
  sequence: number;
  id: string;
  identified: boolean;
}

export function startGateway(options: GatewayOptions): Gateway {
  const wss = new WebSocketServer({ noServer: true });
  const sessions = new Set<Session>();
  let identifies = 0;
  let heartbeats = 0;
  let resumes = 0;
  let readyWaiters: (() => void)[] = [];

  options.server.on('upgrade', (request, socket, head) => {
    if (!(request.url ?? '').startsWith('/gateway')) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  function send(session: Session, payload: Record<string, unknown>): void {
    if (session.socket.readyState === session.socket.OPEN) session.socket.send(JSON.stringify(payload));
  }

  function sendDispatch(session: Session, type: string, data: unknown): void {
    session.sequence += 1;
    send(session, { op: 0, t: type, s: session.sequence, d: data });
  }

  wss.on('connection', (socket: WebSocket) => {
    const session: Session = { socket, sequence: 0, id: snowflake(), identified: false };
    sessions.add(session);
    socket.on('close', () => sessions.delete(session));
    socket.on('message', (raw) => {
      let payload: { op?: number; d?: Record<string, unknown> | number | null };
      try {
        payload = JSON.parse(String(raw)) as typeof payload;
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      const d = typeof payload.d === 'object' && payload.d !== null ? payload.d : {};
      switch (payload.op) {
        case 1:
          heartbeats += 1;
          send(session, { op: 11 });
          return;
        case 2:
          if (d['token'] !== options.token) {
            socket.close(4004, 'Authentication failed.');
            return;
          }
          identifies += 1;
          session.identified = true;
          sendDispatch(session, 'READY', {
            v: 10,
            user: options.bot,
            guilds: [{ id: options.state.guild.id, unavailable: true }],
            session_id: session.id,
            resume_gateway_url: options.wsUrl(),
            shard: [0, 1],
            application: { id: options.applicationId, flags: 0 },
            private_channels: [],
            user_settings: {},
          });
          sendDispatch(session, 'GUILD_CREATE', guildPayload(options.state));
          for (const resolve of readyWaiters) resolve();
          readyWaiters = [];
          return;
        case 6:
          if (d['token'] !== options.token) {
            socket.close(4004, 'Authentication failed.');
            return;
          }
          resumes += 1;
          session.identified = true;
          session.sequence = typeof d['seq'] === 'number' ? d['seq'] : session.sequence;
          sendDispatch(session, 'RESUMED', {});
          return;
        default:
          return;
      }
    });
    send(session, { op: 10, d: { heartbeat_interval: options.heartbeatIntervalMs } });
  });

  return {
    dispatch(type, data) {
      let sent = false;
      for (const session of sessions) {
        if (!session.identified) continue;
        sendDispatch(session, type, data);
        sent = true;
      }
      return sent;
    },
    ready: () =>
      [...sessions].some((session) => session.identified)
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            readyWaiters.push(resolve);
          }),
    get identifies() {
      return identifies;
    },
    get heartbeats() {
      return heartbeats;
    },
    get resumes() {
      return resumes;
    },
    disconnectAll(code = 4000) {
      for (const session of sessions) session.socket.close(code, 'emulator disconnect');
    },
    async close() {
      for (const session of sessions) session.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
