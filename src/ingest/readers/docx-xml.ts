// Safe parsing of the XML parts of a Word document into a light tree, and the few helpers the DOCX
// reader walks it with. Word never writes a document type declaration, so any part that has one is
// refused outright: no entity is ever declared, expanded or fetched (no XXE, no "billion laughs").
// Our own parser rather than a DOM library: xmldom took over a second and hundreds of megabytes
// for a 30-page form's 570 KB of XML, most of it building DOM objects the reader never looks at.
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
 * Parses a part into XmlElements. Much faster and lighter than a DOM (a part of 100,000 elements
 * reads in tens of milliseconds), and strict about what makes XML well-formed: tags that do not
 * match, attributes without a quoted value, unknown entities, text outside the root. Comments and
 * processing instructions are skipped; CDATA is text. Document types are refused before (above).
 */
export function parseXml(text: string): XmlElement {
  const n = text.length;
  const stack: XmlElement[] = [];
  /** The last child of each element on the stack, to link the next one to. */
  const lastChild: (XmlElement | undefined)[] = [];
  const names = new Map<string, QName>();
  const attributeNames = new Map<string, string>();
  let root: XmlElement | undefined;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (message: string, at: number): never => {
    throw new XmlSyntaxError(`${message} at line ${lineAt(text, at)}`);
  };
  const addText = (value: string, at: number) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.text += value;
    else if (value.trim() !== '') fail('text outside the root element', at);
  };
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      addText(text.slice(i), i);
      break;
    }
    if (lt > i) addText(decodeEntities(text.slice(i, lt), i, fail), i);
    const next = text.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      const end = text.indexOf('>', lt);
      if (end < 0) fail('an end tag is not closed', lt);
      const name = text.slice(lt + 2, end).trimEnd();
      const open = stack.pop();
      lastChild.pop();
      if (!open) fail(`end tag </${name}> without a start tag`, lt);
      if (open!.name !== name) fail(`end tag </${name}> does not match <${open!.name}>`, lt);
      i = end + 1;
    } else if (next === 63 /* ? */) {
      const end = text.indexOf('?>', lt);
      if (end < 0) fail('a processing instruction is not closed', lt);
      i = end + 2;
    } else if (next === 33 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end < 0) fail('a comment is not closed', lt);
        i = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end < 0) fail('a CDATA section is not closed', lt);
        addText(text.slice(lt + 9, end), lt);
        i = end + 3;
      } else fail('unexpected "<!"', lt);
    } else {
      i = startTag(lt);
    }
  }
  if (stack.length) fail(`the document ends before <${stack[stack.length - 1]!.name}> is closed`, n);
  if (!root) fail('no root element', n);
  return root!;

  /** Reads a start tag at `lt`; returns where the text after it begins. */
  function startTag(lt: number): number {
    let j = lt + 1;
    while (j < n && !isNameEnd(text.charCodeAt(j))) j++;
    const name = text.slice(lt + 1, j);
    if (name === '') fail('a tag without a name', lt);
    let attributes: string[] | undefined;
    for (;;) {
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const c = text.charCodeAt(j);
      if (c === 62 /* > */ || (c === 47 /* / */ && text.charCodeAt(j + 1) === 62)) break;
      if (j >= n) fail(`<${name}> is not closed`, lt);
      const nameStart = j;
      while (j < n && !isNameEnd(text.charCodeAt(j))) j++;
      const attrName = text.slice(nameStart, j);
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (attrName === '' || text.charCodeAt(j) !== 61 /* = */) fail(`an attribute of <${name}> has no value`, j);
      j++;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const quote = text.charCodeAt(j);
      if (quote !== 34 && quote !== 39) fail(`the value of ${attrName} is not quoted`, j);
      const end = text.indexOf(quote === 34 ? '"' : "'", j + 1);
      if (end < 0) fail(`the value of ${attrName} is not closed`, j);
      const raw = text.slice(j + 1, end);
      if (raw.includes('<')) fail(`the value of ${attrName} holds "<"`, j);
      let sharedName = attributeNames.get(attrName);
      if (sharedName === undefined) attributeNames.set(attrName, (sharedName = attrName));
      const value = decodeEntities(raw, j, fail);
      if (attributes) attributes.push(sharedName, value);
      else attributes = [sharedName, value]; // sized to fit: most elements have one attribute
      j = end + 1;
      if (!isSpace(text.charCodeAt(j)) && text.charCodeAt(j) !== 62 && text.charCodeAt(j) !== 47) fail(`no space after the value of ${attrName}`, j);
    }
    const parent = stack[stack.length - 1];
    let qname = names.get(name);
    if (!qname) names.set(name, (qname = qnameOf(name)));
    const el = new XmlElement(qname, attributes ?? none, parent);
    if (parent) {
      const last = lastChild[lastChild.length - 1];
      if (last) last.nextSibling = el;
      else parent.firstChild = el;
      lastChild[lastChild.length - 1] = el;
    } else if (root) fail('a second root element', lt);
    else root = el;
    if (text.charCodeAt(j) === 47) return j + 2; // <empty/>
    if (stack.length >= MAX_DEPTH) throw new XmlSyntaxError('nested too deeply', true);
    stack.push(el);
    lastChild.push(undefined);
    return j + 1;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function isNameEnd(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 62 /* > */ || c === 47 /* / */ || c === 61 /* = */ || c === 60 /* < */;
}

const namedEntities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five predefined entities and character references; any other is an error (none is ever declared). */
function decodeEntities(s: string, at: number, fail: (message: string, at: number) => never): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) return fail(`"&" that starts no entity`, at);
    if (ref in namedEntities) return namedEntities[ref]!;
    const code = /^#x[0-9a-f]+$/i.test(ref) ? Number.parseInt(ref.slice(2), 16) : /^#[0-9]+$/.test(ref) ? Number.parseInt(ref.slice(1), 10) : -1;
    if (code < 0 || code > 0x10ffff) return fail(`unknown entity &${ref};`, at);
    return String.fromCodePoint(code);
  });
}

function lineAt(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
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
