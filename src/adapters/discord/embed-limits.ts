import type { APIEmbed } from 'discord.js';
import { truncate } from './escape-discord.js';

/** Discord's embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const embedLimits = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  total: 6000,
} as const;

export function embedSize(embed: APIEmbed): number {
  let size = (embed.title ?? '').length + (embed.description ?? '').length + (embed.footer?.text ?? '').length + (embed.author?.name ?? '').length;
  for (const field of embed.fields ?? []) size += field.name.length + field.value.length;
  return size;
}

/**
 * Clamps every part of an embed to its limit, drops empty fields (Discord
 * rejects them), then shortens the description until the whole fits 6,000.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fields = (embed.fields ?? [])
    .filter((field) => field.name.trim().length > 0 && field.value.trim().length > 0)
    .slice(0, embedLimits.fields)
    .map((field) => ({ ...field, name: truncate(field.name, embedLimits.fieldName), value: truncate(field.value, embedLimits.fieldValue) }));
  const fitted: APIEmbed = { ...embed, fields };
  if (embed.title !== undefined) fitted.title = truncate(embed.title, embedLimits.title);
  if (embed.description !== undefined) fitted.description = truncate(embed.description, embedLimits.description);
  if (embed.footer) fitted.footer = { ...embed.footer, text: truncate(embed.footer.text, embedLimits.footer) };
  const over = embedSize(fitted) - embedLimits.total;
  if (over > 0 && fitted.description) fitted.description = truncate(fitted.description, Math.max(1, fitted.description.length - over));
  if (fields.length === 0) delete fitted.fields;
  return fitted;
}
