// The text of each page of a PDF that Chromium printed, enough for a test to ask "what is on page
// 3?": objects are read by number, content streams inflated (FlateDecode, node:zlib), and the
// glyph codes of Tj/TJ mapped back to text through each font's ToUnicode CMap. Not a general PDF
// reader (no object streams, no cross-reference parsing, no text positions): Chromium (Skia) writes
// plain numbered objects, which is all the print tests need. Chromium places glyphs rather than
// drawing spaces, so word breaks are not recovered: compare text with whitespace removed.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

export interface PdfPage {
  /** Width and height of the MediaBox, in points. */
  width: number;
  height: number;
  /** The page's text in drawing order (spaces between words mostly missing). */
  text: string;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const src = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const head = /(\d+) 0 obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = head.exec(src))) {
    const start = m.index + m[0].length;
    const end = src.indexOf('endobj', start);
    if (end < 0) break;
    const body = src.slice(start, end);
    const s = /stream\r?\n/.exec(body);
    if (s) {
      const dict = body.slice(0, s.index);
      const len = /\/Length (\d+)(?! \d+ R)/.exec(dict);
      const from = start + s.index + s[0].length;
      const raw = pdf.subarray(from, len ? from + Number(len[1]) : start + body.lastIndexOf('endstream'));
      out.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
    } else out.set(Number(m[1]), { dict: body });
    head.lastIndex = end;
  }
  return out;
}

/** Glyph code (hex) → text, from a ToUnicode CMap's bfchar and bfrange entries. */
function readCMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, uni] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(code.toUpperCase(), utf16(uni));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const a = parseInt(lo, 16);
      const b = parseInt(hi, 16);
      const list = rest.startsWith('[') ? [...rest.matchAll(/<([0-9A-Fa-f]+)>/g)].map((x) => utf16(x[1])) : undefined;
      const first = list ? 0 : parseInt(rest.slice(1, -1), 16);
      for (let c = a; c <= b; c++) map.set(c.toString(16).toUpperCase().padStart(lo.length, '0'), list ? (list[c - a] ?? '') : String.fromCharCode(first + c - a));
    }
  }
  return map;
}

const ref = (dict: string, key: string): number | undefined => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : undefined;
};

/** Font resource names of a page (/F4 …) and their ToUnicode maps. */
function pageFonts(objects: Map<number, PdfObject>, page: string): Map<string, Map<string, string>> {
  let resources = page;
  const r = ref(page, 'Resources');
  if (r !== undefined) resources = objects.get(r)?.dict ?? '';
  let fonts = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1];
  const fontsRef = ref(resources, 'Font');
  if (!fonts && fontsRef !== undefined) fonts = objects.get(fontsRef)?.dict;
  const out = new Map<string, Map<string, string>>();
  for (const [, name, num] of (fonts ?? '').matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) {
    const font = objects.get(Number(num))?.dict ?? '';
    const tu = ref(font, 'ToUnicode');
    out.set(name, tu !== undefined ? readCMap(objects.get(tu)?.stream?.toString('latin1') ?? '') : new Map());
  }
  return out;
}

/** The text a content stream shows: hex strings of Tj/TJ decoded with the current font's map. */
function showText(content: string, fonts: Map<string, Map<string, string>>): string {
  const runs: string[] = [];
  let map = new Map<string, string>();
  let width = 4;
  const token = /\/([\w.+-]+)\s+[\d.]+\s+Tf|\[((?:[^\]\\]|\\.)*)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|\((?:[^)\\]|\\.)*\)\s*Tj/g;
  const decode = (hex: string) => {
    let s = '';
    for (let i = 0; i + width <= hex.length; i += width) s += map.get(hex.slice(i, i + width).toUpperCase()) ?? '';
    return s;
  };
  for (const m of content.matchAll(token)) {
    if (m[1] !== undefined) {
      map = fonts.get(m[1]) ?? new Map();
      width = map.size ? [...map.keys()][0].length : 4;
    } else if (m[2] !== undefined) runs.push([...m[2].matchAll(/<([0-9A-Fa-f]*)>/g)].map((x) => decode(x[1])).join(''));
    else if (m[3] !== undefined) runs.push(decode(m[3]));
  }
  return runs.join('');
}

export function pdfPages(pdf: Buffer): PdfPage[] {
  const objects = readObjects(pdf);
  const pages: PdfPage[] = [];
  // Pages in document order: the /Kids of the page tree, depth first.
  const walk = (num: number) => {
    const o = objects.get(num);
    if (!o) return;
    if (/\/Type\s*\/Pages\b/.test(o.dict)) {
      for (const [, k] of (/\/Kids\s*\[([^\]]*)\]/.exec(o.dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)) walk(Number(k));
      return;
    }
    const box = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(o.dict);
    const fonts = pageFonts(objects, o.dict);
    const contents = /\/Contents\s*\[([^\]]*)\]/.exec(o.dict)?.[1] ?? /\/Contents\s+(\d+ 0 R)/.exec(o.dict)?.[1] ?? '';
    const text = [...contents.matchAll(/(\d+) 0 R/g)].map(([, c]) => showText(objects.get(Number(c))?.stream?.toString('latin1') ?? '', fonts)).join('');
    pages.push({ width: box ? Number(box[3]) - Number(box[1]) : 0, height: box ? Number(box[4]) - Number(box[2]) : 0, text });
  };
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog\b/.test(o.dict));
  const root = catalog ? ref(catalog.dict, 'Pages') : undefined;
  if (root !== undefined) walk(root);
  return pages;
}
