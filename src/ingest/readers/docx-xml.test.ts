// The Word reader's XML parser (parseXml) against saxes, the strict XML 1.0 parser it replaced: the
// same tree (names, attributes, text) for the parts of real Word documents and for the corners of
// XML (entities, CDATA, comments, line ends), and a refusal wherever saxes refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { demoDocx, demoDocxFromLibreOffice } from '../../../test/fixtures/docs/arvenia.ts';
import { NS, abstractNum, minimalDocx, num, numbered, p } from '../../../test/fixtures/docs/minimal-docx.ts';
import { sofficeAvailable } from '../../../test/support/office.ts';
import { parseXml, type XmlElement } from './docx-xml.ts';

interface Plain {
  name: string;
  attributes: string[];
  text: string;
  children: Plain[];
}

function plain(el: XmlElement): Plain {
  return { name: el.name, attributes: [...el.attributes], text: el.text, children: el.elements.map(plain) };
}

/** The tree saxes reads, in the same shape. */
function saxesTree(text: string): Plain {
  const parser = new SaxesParser({ xmlns: false });
  const stack: Plain[] = [];
  let root: Plain | undefined;
  const addText = (t: string) => {
    if (stack.length) stack[stack.length - 1]!.text += t;
  };
  parser.on('opentag', (tag) => {
    const el: Plain = { name: tag.name, attributes: Object.entries(tag.attributes).flat() as string[], text: '', children: [] };
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => stack.pop());
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('error', (err) => {
    throw err;
  });
  parser.write(text).close();
  return root!;
}

const partsOf = (docx: Uint8Array) =>
  Object.entries(unzipSync(docx))
    .filter(([name]) => /\.(xml|rels)$/.test(name))
    .map(([name, bytes]) => [name, strFromU8(bytes)] as const);

test('the parts of Word documents give the tree saxes gives (ours, and LibreOffice\'s where it is installed)', async () => {
  const numbering = abstractNum(0, [['decimal', '%1.']]) + num(1, 0);
  const documents = [await demoDocx('arvenia'), await demoDocx('coralia'), minimalDocx({ body: [p('a. First'), numbered('One &amp; two', 1)].join(''), numbering, footnotes: '' })];
  if (sofficeAvailable()) documents.push(await demoDocxFromLibreOffice('arvenia'));
  let parts = 0;
  for (const docx of documents) {
    for (const [name, xml] of partsOf(docx)) {
      assert.deepEqual(plain(parseXml(xml)), saxesTree(xml), name);
      parts++;
    }
  }
  assert.ok(parts > 10);
});

test('entities, character references, CDATA, comments, instructions and line ends are read as saxes reads them', () => {
  const xml = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n',
    '<!-- a comment -->\n',
    `<w:document ${NS} w:a="x &amp; y &lt;z&gt; &quot;q&quot; &apos;s&apos;" w:b='tab\there\r\nand line\rend' w:c="&#9;&#x41;&#10;">`,
    '<w:p>one &amp; two &#8211; &#x1F600;\r\nnext\rline</w:p>',
    '<w:p><![CDATA[<not a tag> & \r\n kept]]></w:p>',
    '<?mso-application progid="Word.Document"?>',
    '<w:p\n  w:x = "spaced"\t/>',
    '<w:t xml:space="preserve">  spaces  </w:t>',
    '<w:p ></w:p >',
    '</w:document>\n<!-- after -->\n',
  ].join('');
  assert.deepEqual(plain(parseXml(xml)), saxesTree(xml));
});

test('what saxes refuses is refused', () => {
  const broken = [
    '<a><b></a>',
    '<a>',
    '<a></a><b></b>',
    'text<a></a>',
    '<a></a>text',
    '<a x=1></a>',
    '<a x="1" x="2"></a>',
    '<a x="1"y="2"></a>',
    '<a x="<"></a>',
    '<a>&nbsp;</a>',
    '<a>& </a>',
    '<a>&amp</a>',
    '<a>&#0;</a>',
    '<a>&#xFFFE;</a>',
    '<a>\u0001</a>',
    '<a>]]></a>',
    '<a><!-- open</a>',
    '<a><![CDATA[open</a>',
    '<a></b>',
    '</a>',
    '',
    '<1a></1a>',
    '<a><!ELEMENT x></a>',
    '<a x="1"',
  ];
  for (const xml of broken) {
    assert.throws(() => saxesTree(xml), Error, `saxes accepts ${JSON.stringify(xml)}`);
    assert.throws(() => parseXml(xml), /at line \d+/, JSON.stringify(xml));
  }
});

test('an error names its line', () => {
  assert.throws(() => parseXml('<a>\n<b>\n</c>\n</a>'), /unexpected close tag c; expected b at line 3/);
});
