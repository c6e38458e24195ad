import type { webApi } from '@slack/bolt';
import type { Logger } from '../../domain/logger.js';

export interface AdminResolverOptions {
  /** User ids (U…/W…) and user group ids (S…) from config that count as Sitrep admins. */
  adminUsers: readonly string[];
  /** How long a users.info or usergroups.users.list answer is reused. */
  cacheMs: number;
  now: () => number;
  logger: Logger;
}

export type AdminResolver = (userId: string) => Promise<boolean>;

interface Cached<T> {
  value: T;
  until: number;
}

/**
 * Admin means a workspace admin or owner (users.info), a user listed in config,
 * or a member of a user group listed in config. Answers are cached: a burst of
 * commands costs one lookup, and Slack's tier-4 users.info limit stays far away.
 * A failed lookup counts as "not admin" and is not cached.
 */
export function createAdminResolver(client: webApi.WebClient, options: AdminResolverOptions): AdminResolver {
  const listedUsers = new Set(options.adminUsers.filter((id) => !id.startsWith('S')));
  const groups = options.adminUsers.filter((id) => id.startsWith('S'));
  const userCache = new Map<string, Cached<boolean>>();
  const groupCache = new Map<string, Cached<Set<string>>>();

  async function cached<T>(cache: Map<string, Cached<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && hit.until > options.now()) return hit.value;
    const value = await load();
    cache.set(key, { value, until: options.now() + options.cacheMs });
    return value;
  }

  async function isWorkspaceAdmin(userId: string): Promise<boolean> {
    return cached(userCache, userId, async () => {
      const result = await client.users.info({ user: userId });
      const user = result.user;
      return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
    });
  }

  async function inGroup(groupId: string, userId: string): Promise<boolean> {
    const members = await cached(groupCache, groupId, async () => {
      const result = await client.usergroups.users.list({ usergroup: groupId });
      return new Set(result.users ?? []);
    });
    return members.has(userId);
  }

  return async (userId) => {
    if (listedUsers.has(userId)) return true;
    try {
      if (await isWorkspaceAdmin(userId)) return true;
      for (const group of groups) if (await inGroup(group, userId)) return true;
    } catch (error) {
      options.logger.warn('slack admin lookup failed; treating the user as a non-admin', { userId, error: String(error) });
    }
    return false;
  };
}
