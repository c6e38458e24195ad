import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFeedBody } from '../../../src/feeds/decode-body.js';
import {
  damagedUtf8Feed,
  declaredIso88591Feed,
  encodedFixtures,
  undeclaredLatin1Feed,
  undeclaredWindows1252Feed,
  utf16Feed,
  utf8BomFeed,
} from '../../fixtures/feeds/encoded-feeds.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/feeds');

describe('decodeFeedBody', () => {
  it('undeclared Latin-1 bytes (invalid as UTF-8) are sniffed, not turned into U+FFFD', () => {
    const decoded = decodeFeedBody(undeclaredLatin1Feed(), null);
    expect(decoded).toMatchObject({ charset: 'windows-1252', source: 'sniffed' });
    expect(decoded.text).toContain('Eleição: candidatos às urnas');
    expect(decoded.text).not.toContain('\ufffd');
  });

  it('undeclared windows-1252 curly quotes and dashes come out right, not as C1 controls', () => {
    const decoded = decodeFeedBody(undeclaredWindows1252Feed(), null);
    expect(decoded.text).toContain('“Peace talks” – day two');
    expect(decoded.text).toContain('‘Quoted’ text…');
  });

  it('declared ISO-8859-1 is honoured (read as windows-1252, as browsers do)', () => {
    const decoded = decodeFeedBody(declaredIso88591Feed(), null);
    expect(decoded).toMatchObject({ charset: 'windows-1252', source: 'prolog' });
    expect(decoded.text).toContain('Não há mais informações');
  });

  it.each(['le', 'be'] as const)('UTF-16%s with a BOM decodes, BOM stripped', (order) => {
    const decoded = decodeFeedBody(utf16Feed(order), null);
    expect(decoded).toMatchObject({ charset: `utf-16${order}`, source: 'bom' });
    expect(decoded.text.startsWith('<?xml')).toBe(true);
    expect(decoded.text).toContain('Переговоры продолжаются');
  });

  it('UTF-16 without a BOM is recognised from the zero bytes around "<?"', () => {
    const body = iconv.encode('<?xml version="1.0"?><rss version="2.0"><channel><title>Ж</title></channel></rss>', 'utf-16le');
    expect(decodeFeedBody(body, null)).toMatchObject({ charset: 'utf-16le', source: 'sniffed' });
  });

  it('a UTF-8 BOM is removed and the text starts at the declaration', () => {
    const decoded = decodeFeedBody(utf8BomFeed(), null);
    expect(decoded).toMatchObject({ charset: 'utf-8', source: 'bom' });
    expect(decoded.text.charCodeAt(0)).toBe('<'.charCodeAt(0));
    expect(decoded.text).toContain('Grüße');
  });

  it('the HTTP charset wins over the XML declaration', () => {
    const body = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><rss><channel><title>Café</title></channel></rss>', 'latin1');
    const decoded = decodeFeedBody(body, 'application/rss+xml; charset="ISO-8859-1"');
    expect(decoded).toMatchObject({ charset: 'windows-1252', source: 'header' });
    expect(decoded.text).toContain('Café');
  });

  it('a server that labels Latin-1 bytes as UTF-8 is overruled by the bytes', () => {
    const decoded = decodeFeedBody(declaredIso88591Feed(), 'text/xml; charset=utf-8');
    expect(decoded).toMatchObject({ charset: 'windows-1252', source: 'prolog' });
    expect(decoded.text).toContain('informações');
  });

  it('a legacy label on bytes that are valid UTF-8 is taken for stale: no "Р’ Р‘СѓР·" mojibake', () => {
    const cyrillic = 'В Бузулуке открылся Ледовый дворец';
    const xml = `<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>${cyrillic}</title></channel></rss>`;
    const fromProlog = decodeFeedBody(Buffer.from(xml, 'utf8'), null);
    expect(fromProlog).toMatchObject({ charset: 'utf-8', source: 'sniffed' });
    expect(fromProlog.text).toContain(cyrillic);
    const fromHeader = decodeFeedBody(Buffer.from(xml, 'utf8'), 'text/xml; charset=ISO-8859-1');
    expect(fromHeader.text).toContain(cyrillic);
    // Bytes really in windows-1251 (not valid UTF-8) keep their label.
    const legacy = decodeFeedBody(iconv.encode(xml, 'windows-1251'), null);
    expect(legacy).toMatchObject({ charset: 'windows-1251', source: 'prolog' });
    expect(legacy.text).toContain(cyrillic);
    // Multi-byte legacy charsets too: GB2312 text is never valid UTF-8 by chance.
    const chinese = '新闻国内：习近平考察东北三省';
    const gb = `<?xml version="1.0" encoding="gb2312"?><rss><channel><title>${chinese}</title></channel></rss>`;
    expect(decodeFeedBody(Buffer.from(gb, 'utf8'), null).text).toContain(chinese);
    expect(decodeFeedBody(iconv.encode(gb, 'gbk'), null)).toMatchObject({ charset: 'gbk', source: 'prolog' });
    // Pure ASCII proves nothing either way: the label stands.
    expect(decodeFeedBody(Buffer.from('<?xml version="1.0" encoding="koi8-r"?><rss/>', 'utf8'), null)).toMatchObject({ charset: 'koi8-r' });
  });

  it('an unknown charset label is ignored rather than failing the feed', () => {
    const body = Buffer.from('<rss><channel><title>Zürich</title></channel></rss>', 'utf8');
    expect(decodeFeedBody(body, 'text/xml; charset=x-made-up')).toMatchObject({ charset: 'utf-8', source: 'default' });
  });

  it('UTF-8 with a few split multi-byte sequences stays UTF-8 (a U+FFFD, no mojibake)', () => {
    const decoded = decodeFeedBody(damagedUtf8Feed(), null);
    expect(decoded.charset).toBe('utf-8');
    expect(decoded.text).toContain('প্রথম আলো');
    expect(decoded.text).toContain('\ufffd');
  });

  it('blank lines before the XML declaration are removed', () => {
    const body = readFileSync(path.join(fixtures, 'blank-lines-before-declaration-rss2.xml'));
    expect(decodeFeedBody(body, null).text.startsWith('<?xml')).toBe(true);
  });

  it('an empty body decodes to empty text', () => {
    expect(decodeFeedBody(Buffer.alloc(0), null)).toMatchObject({ text: '', charset: 'utf-8' });
  });

  it('committed binary fixtures match their builders byte for byte', () => {
    for (const [name, build] of Object.entries(encodedFixtures)) {
      expect(readFileSync(path.join(fixtures, name)).equals(build()), name).toBe(true);
    }
  });
});
