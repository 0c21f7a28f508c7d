// Safe parsing of the XML parts of a Word document into a light tree, and the few helpers the DOCX
// reader walks it with. Word never writes a document type declaration, so any part that has one is
// refused outright: no entity is ever declared, expanded or fetched (no XXE, no "billion laughs").
// A strict parser of our own (parseXml) builds a light tree rather than a DOM: xmldom took over a
// second and hundreds of megabytes for a 30-page form's 570 KB of XML, most of it DOM objects never
// looked at; saxes, a strict streaming parser, reading a character at a time, took twice as long.
import { overLimit, type ImportLimits } from '../limits.ts';
import { ImportError } from '../source.ts';
import type { GuardedZip } from './zip-guard.ts';

/**
 * What the XML parts of one document may cost, counted across all of them before each is parsed:
 * bytes (from the archive's directory, before a part is inflated) and elements (counted in the
 * text, before the DOM is built: the DOM is what takes the time and the memory).
 */
export class XmlBudget {
  private bytes = 0;
  private elements = 0;

  constructor(
    private readonly limits: ImportLimits,
    private readonly what: string,
  ) {}

  /** A part's bytes, refused by its declared size before it is inflated. */
  read(zip: GuardedZip, part: string): Uint8Array | undefined {
    const size = zip.declaredSize(part);
    if (size === undefined) return undefined;
    this.bytes += size;
    if (this.bytes > this.limits.maxXmlBytes) {
      throw overLimit(this.what, 'maxXmlBytes', this.limits.maxXmlBytes, `its XML parts hold ${formatMb(this.bytes)} MB (${part} alone ${formatMb(size)} MB)`);
    }
    return zip.read(part);
  }

  /** Counts the elements of a part's text ("<" that opens a tag); refuses once the document's total passes the limit. */
  count(text: string, part: string): void {
    let n = 0;
    for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
      const c = text.charCodeAt(i + 1);
      if (c !== 47 /* / */ && c !== 63 /* ? */ && c !== 33 /* ! */) n++;
    }
    this.elements += n;
    if (this.elements > this.limits.maxXmlElements) {
      throw overLimit(this.what, 'maxXmlElements', this.limits.maxXmlElements, `its XML holds ${this.elements.toLocaleString('en')} elements (${part} alone ${n.toLocaleString('en')})`);
    }
  }
}

function formatMb(bytes: number): string {
  return (Math.round((bytes / 1024 / 1024) * 10) / 10).toLocaleString('en');
}

/** Parses a part; `precheck` may refuse its text before the tree is built (as the budget does). */
export function parseXmlPart(bytes: Uint8Array, part: string, what: string, budget?: XmlBudget, precheck?: (text: string) => void): XmlElement {
  const text = decodeXml(bytes);
  budget?.count(text, part);
  precheck?.(text);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new ImportError(
      `${what} was refused: its part ${part} declares a document type or entities, which Word never writes and which can be used to attack a server.`,
      'unsafe-xml',
    );
  }
  try {
    return parseXml(text);
  } catch (err) {
    if (!(err instanceof XmlSyntaxError)) throw err;
    if (err.tooDeep) throw new ImportError(`${what} was refused: its XML is nested far too deeply to be a questionnaire.`, 'damaged');
    throw new ImportError(`${what} is damaged (${part} is not well-formed XML: ${err.message}). Open it in Word and save it again.`, 'damaged');
  }
}

/** XML parts are UTF-8 unless a byte-order mark says UTF-16. */
function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * An element of a parsed part: what the DOCX reader needs of a DOM and no more. Names keep their
 * prefix ("w:p"); Word binds each prefix to one namespace, so the prefix stands for it. Children
 * are linked (first child, next sibling), as in a DOM: no array per element, which for a part of a
 * million elements is most of the memory and of the garbage collector's work.
 */
export class XmlElement {
  firstChild: XmlElement | undefined;
  nextSibling: XmlElement | undefined;
  /** The element's own text (its text children, joined); Word keeps text in elements of text only. */
  text = '';

  constructor(
    private readonly qname: QName,
    /** Names and values, alternating: ["w:val", "1", …]. */
    readonly attributes: readonly string[],
    readonly parent: XmlElement | undefined,
  ) {}

  /** The name as written: "w:p". */
  get name(): string {
    return this.qname.name;
  }
  /** Without its prefix: "p". */
  get localName(): string {
    return this.qname.localName;
  }
  /** "w", or "" when there is none. */
  get prefix(): string {
    return this.qname.prefix;
  }

  /** Element children, in order. */
  get elements(): XmlElement[] {
    const out: XmlElement[] = [];
    for (let c = this.firstChild; c; c = c.nextSibling) out.push(c);
    return out;
  }

  /** The text of the element and of the elements in it (its own text first). */
  get textContent(): string {
    let out = this.text;
    for (let c = this.firstChild; c; c = c.nextSibling) out += c.textContent;
    return out;
  }
}

const none: readonly never[] = Object.freeze([]);

/** An element name, split once and shared by every element of that name (a part has a few dozen names, and up to a million elements). */
interface QName {
  name: string;
  localName: string;
  prefix: string;
}

function qnameOf(name: string): QName {
  const colon = name.indexOf(':');
  return { name, prefix: colon < 0 ? '' : name.slice(0, colon), localName: colon < 0 ? name : name.slice(colon + 1) };
}

class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly tooDeep = false,
  ) {
    super(message);
  }
}

/** Deeper than this is no Word document (tables in tables in text boxes reach a few dozen). */
const MAX_DEPTH = 1000;

/**
 * Parses a part into XmlElements, as a strict XML 1.0 parser would (saxes, which this replaced and
 * which the tests compare it with): tags that do not match, attributes without a quoted value or
 * given twice, unknown entities, characters XML does not allow, and text outside the root are
 * errors. Comments and processing instructions are skipped; CDATA is text. Document types are
 * refused before (above), so the only entities are the predefined ones and character references.
 * Line ends are read as XML says (CR LF and CR are LF; in attribute values, tabs and line ends
 * are spaces). It finds each markup with indexOf and sticky regular expressions instead of reading
 * a character at a time: less than half the time saxes took for the same tree, as a command reads
 * one document (cold code).
 */
export function parseXml(text: string): XmlElement {
  const bad = DISALLOWED.exec(text);
  if (bad) throw syntaxError(text, bad.index, 'disallowed character');
  const stack: XmlElement[] = [];
  /** The last child of each element on the stack, to link the next one to. */
  const lastChild: (XmlElement | undefined)[] = [];
  const names = new Map<string, QName>();
  let root: XmlElement | undefined;
  let closed = false;
  const addText = (value: string, at: number) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.text += value;
    else if (!/^[ \t\r\n]*$/.test(value)) throw syntaxError(text, at, 'text data outside of root node');
  };
  let i = 0;
  const end = text.length;
  while (i < end) {
    const lt = text.indexOf('<', i);
    const to = lt < 0 ? end : lt;
    if (to > i) {
      const raw = text.slice(i, to);
      if (raw.includes(']]>')) throw syntaxError(text, i + raw.indexOf(']]>'), 'the string "]]>" is disallowed in char data');
      addText(charData(raw, text, i), i);
    }
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      CLOSE_TAG.lastIndex = lt;
      const m = CLOSE_TAG.exec(text);
      if (!m) throw syntaxError(text, lt, 'malformed end tag');
      const open = stack[stack.length - 1];
      if (!open) throw syntaxError(text, lt, `unmatched closing tag: ${m[1]}`);
      if (open.name !== m[1]) throw syntaxError(text, lt, `unexpected close tag ${m[1]}; expected ${open.name}`);
      stack.pop();
      lastChild.pop();
      if (stack.length === 0) closed = true;
      i = CLOSE_TAG.lastIndex;
    } else if (next === 33 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const close = text.indexOf('-->', lt + 4);
        if (close < 0) throw syntaxError(text, lt, 'unclosed comment');
        i = close + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const close = text.indexOf(']]>', lt + 9);
        if (close < 0) throw syntaxError(text, lt, 'unclosed CDATA section');
        if (!stack.length) throw syntaxError(text, lt, 'CDATA outside of root node');
        addText(normaliseLineEnds(text.slice(lt + 9, close)), lt);
        i = close + 3;
      } else throw syntaxError(text, lt, 'disallowed markup');
    } else if (next === 63 /* ? */) {
      const close = text.indexOf('?>', lt + 2);
      if (close < 0) throw syntaxError(text, lt, 'unclosed processing instruction');
      i = close + 2;
    } else {
      OPEN_TAG.lastIndex = lt;
      const m = OPEN_TAG.exec(text);
      if (!m) throw syntaxError(text, lt, 'malformed start tag');
      const name = m[1]!;
      if (closed || (root && !stack.length)) throw syntaxError(text, lt, 'document must contain only one root element');
      let attributes: string[] | undefined;
      let at = OPEN_TAG.lastIndex;
      for (;;) {
        ATTRIBUTE.lastIndex = at;
        const a = ATTRIBUTE.exec(text);
        if (!a) break;
        const value = attributeValue(a[2] ?? a[3]!, text, at);
        if (attributes) {
          for (let k = 0; k < attributes.length; k += 2) if (attributes[k] === a[1]) throw syntaxError(text, at, `duplicate attribute: ${a[1]}`);
          attributes.push(a[1]!, value);
        } else attributes = [a[1]!, value]; // sized to fit: most elements have one attribute
        at = ATTRIBUTE.lastIndex;
      }
      TAG_END.lastIndex = at;
      const close = TAG_END.exec(text);
      if (!close) throw syntaxError(text, at, 'malformed start tag');
      const selfClosing = close[1] === '/';
      const parent = stack[stack.length - 1];
      let qname = names.get(name);
      if (!qname) names.set(name, (qname = qnameOf(name)));
      const el = new XmlElement(qname, attributes ?? none, parent);
      if (parent) {
        const last = lastChild[lastChild.length - 1];
        if (last) last.nextSibling = el;
        else parent.firstChild = el;
        lastChild[lastChild.length - 1] = el;
      } else root = el;
      if (selfClosing) {
        if (!parent) closed = true;
      } else {
        if (stack.length >= MAX_DEPTH) throw new XmlSyntaxError('nested too deeply', true);
        stack.push(el);
        lastChild.push(undefined);
      }
      i = TAG_END.lastIndex;
    }
  }
  if (stack.length) throw syntaxError(text, end, `unclosed tag: ${stack[stack.length - 1]!.name}`);
  if (!root) throw syntaxError(text, end, 'document must contain a root element');
  return root;
}

/** Characters XML 1.0 does not allow: controls other than tab and line ends, U+FFFE and U+FFFF, lone surrogates. */
const DISALLOWED = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const NAME = '[A-Za-z_:\\u00c0-\\ufffd][-A-Za-z0-9_:.\\u00b7\\u00c0-\\ufffd]*';
const OPEN_TAG = new RegExp(`<(${NAME})`, 'y');
const ATTRIBUTE = new RegExp(`[ \\t\\r\\n]+(${NAME})[ \\t\\r\\n]*=[ \\t\\r\\n]*(?:"([^"<]*)"|'([^'<]*)')`, 'y');
const TAG_END = /[ \t\r\n]*(\/?)>/y;
const CLOSE_TAG = new RegExp(`</(${NAME})[ \\t\\r\\n]*>`, 'y');
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/g;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text between tags: line ends read as LF, entities and character references decoded. */
function charData(raw: string, text: string, at: number): string {
  return decodeEntities(normaliseLineEnds(raw), text, at);
}

/** An attribute's value: tabs and line ends are spaces (a character reference to one stays itself), entities decoded. */
function attributeValue(raw: string, text: string, at: number): string {
  return decodeEntities(raw.replace(/\r\n|[\t\n\r]/g, ' '), text, at);
}

function normaliseLineEnds(s: string): string {
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}

function decodeEntities(s: string, text: string, at: number): string {
  if (!s.includes('&')) return s;
  let entities = 0;
  const out = s.replace(ENTITY, (_, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    entities++;
    if (name) return PREDEFINED[name]!;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
    const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!allowed) throw syntaxError(text, at, 'malformed character entity');
    return String.fromCodePoint(code);
  });
  // An "&" that begins no entity (an unknown name, no ";"): not well-formed.
  if (entities !== s.split('&').length - 1) throw syntaxError(text, at, 'undefined or malformed entity');
  return out;
}

/** An error at an offset of the text, with its line (what helps someone find the fault). */
function syntaxError(text: string, at: number, message: string): XmlSyntaxError {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return new XmlSyntaxError(`${message} at line ${line}`);
}

/** Element children, in order. */
export function kids(el: XmlElement): XmlElement[] {
  return el.elements;
}

export function kid(el: XmlElement | undefined, localName: string): XmlElement | undefined {
  for (let c = el?.firstChild; c; c = c.nextSibling) if (c.localName === localName) return c;
  return undefined;
}

/** All descendants with this local name, in document order. */
export function descendants(el: XmlElement, localName: string): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    for (let c = e.firstChild; c; c = c.nextSibling) {
      if (c.localName === localName) out.push(c);
      visit(c);
    }
  };
  visit(el);
  return out;
}

/** An attribute by local name; Word's attributes share their element's prefix (w:val, w14:val); else any prefix, or none. */
export function attr(el: XmlElement | undefined, localName: string): string | undefined {
  if (!el) return undefined;
  const a = el.attributes;
  if (el.prefix) {
    const same = `${el.prefix}:${localName}`;
    for (let i = 0; i < a.length; i += 2) if (a[i] === same) return a[i + 1];
  }
  for (let i = 0; i < a.length; i += 2) {
    const name = a[i]!;
    if (name === localName || (name.endsWith(localName) && name.charCodeAt(name.length - localName.length - 1) === 58 /* : */ && !name.startsWith('xmlns'))) return a[i + 1];
  }
  return undefined;
}

/** The value of an on/off property such as <w:vanish/> or <w14:checked w14:val="1"/>. */
export function isOn(el: XmlElement | undefined): boolean {
  if (!el) return false;
  const v = attr(el, 'val');
  return v === undefined || !['0', 'false', 'off'].includes(v.toLowerCase());
}

export function intAttr(el: XmlElement | undefined, localName = 'val'): number | undefined {
  const v = attr(el, localName);
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}
