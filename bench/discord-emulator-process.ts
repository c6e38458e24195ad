import { startDiscordEmulator } from '../test/emulators/discord/discord-emulator.js';

/**
 * The Discord emulator in its own process for bench/delivery-discord.ts: Discord
 * is remote in production, so its clock and event loop must not share the bot's
 * (a stall in one would otherwise bunch requests in the other's rate window).
 * Protocol over IPC: → { channels, latencyMs, globalPerSecond } ; ← { ready, apiUrl, … } ;
 * → 'report' ← { report } ; → 'close'.
 */
interface StartMessage {
  channels: string[];
  latencyMs: number;
  globalPerSecond: number;
}

process.once('message', (start: StartMessage) => {
  void (async () => {
    const emulator = await startDiscordEmulator({
      channels: start.channels,
      globalPerSecond: start.globalPerSecond,
      channelBucket: { limit: 5, windowMs: 5_000 },
      latencyMs: start.latencyMs,
      recordRequests: false,
    });
    process.on('message', (message: unknown) => {
      if (message === 'report') {
        let posted = 0;
        let duplicates = 0;
        for (const id of start.channels) {
          const count = emulator.messagesIn(id).length;
          posted += Math.min(count, 1);
          if (count > 1) duplicates += count - 1;
        }
        const memory = process.memoryUsage();
        process.send?.({ report: { posted, duplicates, http429: emulator.state.rateLimited, invalidRequests: emulator.state.invalidRequests, rssMb: Math.round(memory.rss / 1_048_576) } });
      }
      if (message === 'close') void emulator.close().then(() => process.exit(0));
    });
    process.send?.({ ready: true, apiUrl: emulator.apiUrl, token: emulator.token, applicationId: emulator.applicationId, guildId: emulator.guildId });
  })();
});
