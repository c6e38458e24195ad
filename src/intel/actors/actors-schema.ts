import { z } from 'zod';
import { aliasSpecSchema, checkAliases, type AliasOwner } from '../text/alias-schema.js';

export const actorKinds = ['organization', 'armed_group', 'person', 'state_body'] as const;

const actorSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a lower-case id like "unsc" or "al_shabaab"'),
    /** For display only; matching uses the aliases. */
    label: z.string().min(1, 'expected a display name'),
    kind: z.enum(actorKinds, { error: `expected one of ${actorKinds.join(', ')}` }),
    aliases: z.array(aliasSpecSchema).min(1, 'expected at least one alias'),
    /** Ids this actor also tags (an affiliate its parent), when admins want that. */
    implies: z.array(z.string()).default([]),
  })
  .strict();

export const actorsConfigSchema = z
  .object({
    actors: z.array(actorSchema).min(1, 'expected at least one actor'),
    /** Phrases that contain an alias but name someone else ("National Security Council"). */
    ignore: z.array(z.string().min(1, 'expected a phrase')).default([]),
  })
  .strict()
  .superRefine((config, ctx) => {
    const ids = new Set<string>();
    const owners: AliasOwner[] = [];
    config.actors.forEach((actor, index) => {
      if (ids.has(actor.id)) {
        ctx.addIssue({ code: 'custom', path: ['actors', index, 'id'], input: actor.id, message: 'is listed twice' });
      }
      ids.add(actor.id);
      owners.push({ id: actor.id, path: ['actors', index, 'aliases'], aliases: actor.aliases });
    });
    config.actors.forEach((actor, index) => {
      actor.implies.forEach((implied, position) => {
        if (!ids.has(implied)) {
          ctx.addIssue({
            code: 'custom',
            path: ['actors', index, 'implies', position],
            input: implied,
            message: 'is not the id of an actor in this file',
          });
        }
      });
    });
    checkAliases(owners, config.ignore, ctx);
  });

export type ActorsConfig = z.output<typeof actorsConfigSchema>;
export type ActorKind = (typeof actorKinds)[number];
