import { z } from 'zod';
import { aliasSpecSchema, checkAliases, type AliasOwner } from '../text/alias-schema.js';
import { nameUnlessOverridden } from './place-aliases.js';

const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code in capitals, like "AF"');
const subdivisionCode = z
  .string()
  .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'expected an ISO 3166-2 code like "AF-KAB"');
const aliases = z.array(aliasSpecSchema).default([]);

const countrySchema = z
  .object({
    code: countryCode,
    name: z.string().min(1, 'expected the English short name'),
    /** Other names and spellings, in any language. */
    aliases,
    /** Adjectives and nouns for people ("Afghan"); a plural "s" is added where English adds one. */
    demonyms: aliases,
    capitals: aliases,
  })
  .strict();

const subdivisionSchema = z
  .object({
    code: subdivisionCode,
    name: z.string().min(1, 'expected the subdivision\'s name'),
    /** Other spellings, and cities inside it ("Lashkar Gah" for Helmand). */
    aliases,
  })
  .strict();

export const placesConfigSchema = z
  .object({
    countries: z.array(countrySchema).min(1, 'expected at least one country'),
    subdivisions: z.array(subdivisionSchema).default([]),
    /** Phrases that contain a place name but are not about the place ("Gulf of Guinea", "Washington Post"). */
    ignore: z.array(z.string().min(1, 'expected a phrase')).default([]),
  })
  .strict()
  .superRefine((config, ctx) => {
    const codes = new Set<string>();
    const owners: AliasOwner[] = [];
    config.countries.forEach((country, index) => {
      if (codes.has(country.code)) {
        ctx.addIssue({ code: 'custom', path: ['countries', index, 'code'], input: country.code, message: 'is listed twice' });
      }
      codes.add(country.code);
      owners.push({ id: country.code, path: ['countries', index, 'name'], aliases: nameUnlessOverridden(country.name, country.aliases) });
      owners.push({ id: country.code, path: ['countries', index, 'aliases'], aliases: country.aliases });
      owners.push({ id: country.code, path: ['countries', index, 'demonyms'], aliases: country.demonyms });
      owners.push({ id: country.code, path: ['countries', index, 'capitals'], aliases: country.capitals });
    });
    config.subdivisions.forEach((subdivision, index) => {
      const country = subdivision.code.slice(0, 2);
      if (!codes.has(country)) {
        ctx.addIssue({
          code: 'custom',
          path: ['subdivisions', index, 'code'],
          input: subdivision.code,
          message: `its country "${country}" is not in countries`,
        });
      }
      if (codes.has(subdivision.code)) {
        ctx.addIssue({ code: 'custom', path: ['subdivisions', index, 'code'], input: subdivision.code, message: 'is listed twice' });
      }
      codes.add(subdivision.code);
      owners.push({
        id: subdivision.code,
        path: ['subdivisions', index, 'name'],
        aliases: nameUnlessOverridden(subdivision.name, subdivision.aliases),
      });
      owners.push({ id: subdivision.code, path: ['subdivisions', index, 'aliases'], aliases: subdivision.aliases });
    });
    checkAliases(owners, config.ignore, ctx);
  });

export type PlacesConfig = z.output<typeof placesConfigSchema>;
