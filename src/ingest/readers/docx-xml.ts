// Safe parsing of the XML parts of a Word document, and the few DOM helpers the DOCX reader uses.
// Word never writes a document type declaration, so any part that has one is refused outright:
// no entity is ever declared, expanded or fetched (no XXE, no "billion laughs").
import { DOMParser } from '@xmldom/xmldom';
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

export function parseXmlPart(bytes: Uint8Array, part: string, what: string, budget?: XmlBudget): Element {
  const text = decodeXml(bytes);
  budget?.count(text, part);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new ImportError(
      `${what} was refused: its part ${part} declares a document type or entities, which Word never writes and which can be used to attack a server.`,
      'unsafe-xml',
    );
  }
  const fail = (message: string) => {
    throw new ImportError(`${what} is damaged (${part} is not well-formed XML: ${firstLine(message)}). Open it in Word and save it again.`, 'damaged');
  };
  const doc = new DOMParser({ errorHandler: { warning: () => {}, error: fail, fatalError: fail } }).parseFromString(text, 'application/xml');
  const root = doc.documentElement;
  if (!root) fail('no root element');
  return root!;
}

/** XML parts are UTF-8 unless a byte-order mark says UTF-16. */
function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

function firstLine(message: string): string {
  return message.replace(/^\[xmldom [^\]]*\]\t?/, '').split('\n')[0]!.trim();
}

/** Element children, in order. */
export function kids(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

export function kid(el: Element | undefined, localName: string): Element | undefined {
  if (!el) return undefined;
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (n as Element).localName === localName) return n as Element;
  return undefined;
}

/** All descendants with this local name, in document order. */
export function descendants(el: Element, localName: string): Element[] {
  return Array.from(el.getElementsByTagNameNS('*', localName));
}

/** An attribute by local name; Word's attributes share their element's namespace prefix (w:val, w14:val). */
export function attr(el: Element | undefined, localName: string): string | undefined {
  if (!el) return undefined;
  const same = el.getAttributeNodeNS(el.namespaceURI, localName);
  if (same) return same.value;
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) if (attrs[i]!.localName === localName) return attrs[i]!.value;
  return undefined;
}

/** The value of an on/off property such as <w:vanish/> or <w14:checked w14:val="1"/>. */
export function isOn(el: Element | undefined): boolean {
  if (!el) return false;
  const v = attr(el, 'val');
  return v === undefined || !['0', 'false', 'off'].includes(v.toLowerCase());
}

export function intAttr(el: Element | undefined, localName = 'val'): number | undefined {
  const v = attr(el, localName);
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}
