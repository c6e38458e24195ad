import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

export interface SocketEnvelopeAck {
  envelope_id: string;
  payload?: unknown;
}

export interface EmulatorSocket {
  /** Delivers an envelope (`slash_commands`, `interactive`, `events_api`) and resolves with the app's ack. */
  deliver(type: string, payload: unknown, timeoutMs?: number): Promise<SocketEnvelopeAck>;
  connections(): number;
  /** Every ack received, in order. */
  readonly acks: SocketEnvelopeAck[];
  close(): Promise<void>;
}

/**
 * Slack's Socket Mode side: on connect it says `hello`; envelopes carry an
 * envelope_id the app must ack within 3 s; pings keep the link alive.
 */
export function attachSocketMode(server: Server, path: string, onEvent: () => void): EmulatorSocket {
  const wss = new WebSocketServer({ server, path });
  const clients = new Set<WebSocket>();
  const waiting = new Map<string, (ack: SocketEnvelopeAck) => void>();
  const acks: SocketEnvelopeAck[] = [];

  wss.on('connection', (socket) => {
    clients.add(socket);
    const pinger = setInterval(() => socket.ping(), 10_000);
    pinger.unref();
    socket.on('close', () => {
      clearInterval(pinger);
      clients.delete(socket);
    });
    socket.on('message', (data) => {
      let ack: SocketEnvelopeAck;
      try {
        ack = JSON.parse(String(data)) as SocketEnvelopeAck;
      } catch {
        return;
      }
      acks.push(ack);
      waiting.get(ack.envelope_id)?.(ack);
      waiting.delete(ack.envelope_id);
      onEvent();
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: clients.size, debug_info: { host: 'emulator', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0SITREP' } }));
  });

  return {
    acks,
    connections: () => clients.size,
    deliver(type, payload, timeoutMs = 5_000) {
      const socket = [...clients][0];
      if (!socket) return Promise.reject(new Error('no Socket Mode client is connected'));
      const envelopeId = randomUUID();
      return new Promise<SocketEnvelopeAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(envelopeId);
          reject(new Error(`envelope ${type} was not acknowledged within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(envelopeId, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
        socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: 0, retry_reason: '' }));
      });
    },
    async close() {
      for (const socket of clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
