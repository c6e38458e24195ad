import { z } from 'zod';
import type { Platform } from '../adapters/chat-adapter.js';
import type { Store } from '../store/store.js';

const adminNoticeSchema = z.object({
  platform: z.enum(['console', 'discord', 'slack']),
  channelId: z.string(),
  code: z.string(),
  text: z.string(),
  at: z.string(),
});
export type AdminNotice = z.output<typeof adminNoticeSchema>;

/**
 * Notices for a channel's admins that cannot be posted in the channel itself
 * (Sitrep lost access): shown with the reply to the next command there.
 */
export interface AdminNotices {
  record(notice: AdminNotice): Promise<void>;
  peek(platform: Platform, channelId: string): Promise<AdminNotice | undefined>;
  /** Returns and clears the channel's notice. */
  take(platform: Platform, channelId: string): Promise<AdminNotice | undefined>;
}

export function createAdminNotices(store: Store): AdminNotices {
  const records = store.collection('admin-notices', adminNoticeSchema);
  const key = (platform: string, channelId: string) => `${platform}:${channelId}`;
  return {
    record: (notice) => records.set(key(notice.platform, notice.channelId), notice),
    peek: (platform, channelId) => records.get(key(platform, channelId)),
    async take(platform, channelId) {
      const notice = await records.get(key(platform, channelId));
      if (notice) await records.delete(key(platform, channelId));
      return notice;
    },
  };
}
