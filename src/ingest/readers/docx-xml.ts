// Safe parsing of the XML parts of a Word document into a light tree, and the few helpers the DOCX
// reader walks it with. Word never writes a document type declaration, so any part that has one is
// refused outright: no entity is ever declared, expanded or fetched (no XXE, no "billion laughs").
// saxes (a strict, streaming parser) builds a light tree rather than a DOM: xmldom took over a second
// and hundreds of megabytes for a 30-page form's 570 KB of XML, most of it DOM objects never looked at.
import { SaxesParser } from 'saxes';
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
 * Parses a part into XmlElements with saxes, a strict XML 1.0 parser: tags that do not match,
 * attributes without a quoted value, unknown entities and text outside the root are errors.
 * Comments and processing instructions are skipped; CDATA is text. Document types are refused
 * before (above), so the only entities are the predefined ones and character references, which
 * saxes decodes.
 */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const stack: XmlElement[] = [];
  /** The last child of each element on the stack, to link the next one to. */
  const lastChild: (XmlElement | undefined)[] = [];
  const names = new Map<string, QName>();
  let root: XmlElement | undefined;
  const addText = (value: string) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.text += value; // outside the root saxes refuses all but white space
  };
  parser.on('opentag', (tag) => {
    const parent = stack[stack.length - 1];
    let qname = names.get(tag.name);
    if (!qname) names.set(tag.name, (qname = qnameOf(tag.name)));
    // Attribute names are object keys, which V8 already keeps once per name.
    let attributes: string[] | undefined;
    for (const name in tag.attributes) {
      if (attributes) attributes.push(name, tag.attributes[name]!);
      else attributes = [name, tag.attributes[name]!]; // sized to fit: most elements have one attribute
    }
    const el = new XmlElement(qname, attributes ?? none, parent);
    if (parent) {
      const last = lastChild[lastChild.length - 1];
      if (last) last.nextSibling = el;
      else parent.firstChild = el;
      lastChild[lastChild.length - 1] = el;
    } else root = el; // saxes refuses a second root
    if (stack.length >= MAX_DEPTH && !tag.isSelfClosing) throw new XmlSyntaxError('nested too deeply', true);
    stack.push(el);
    lastChild.push(undefined);
  });
  parser.on('closetag', () => {
    stack.pop();
    lastChild.pop();
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('error', (err) => {
    // saxes prefixes "line:column: "; the line is what helps someone find the fault.
    throw new XmlSyntaxError(`${err.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '')} at line ${parser.line}`);
  });
  parser.write(text).close();
  return root!; // saxes refuses a document without a root element
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
