import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8, zipSync } from 'fflate';
import { abstractNum, minimalDocx, num, numbered, p } from '../../../test/fixtures/docs/minimal-docx.ts';
import { ImportError } from '../source.ts';
import { readDocx } from './docx.ts';

const lines = async (parts: Parameters<typeof minimalDocx>[0]) => (await readDocx(minimalDocx(parts))).lines;
const code = (c: string) => (err: unknown) => err instanceof ImportError && err.code === c;

test('automatic numbering is rendered and continues across questions in one list', async () => {
  const numbering = abstractNum(0, [['decimal', '%1.']]) + num(1, 0);
  const body = [p('a. First question'), numbered('One.', 1), numbered('Two.', 1), p('b. Second question'), numbered('Three.', 1)].join('');
  assert.deepEqual(await lines({ body, numbering }), ['a. First question', '1. One.', '2. Two.', 'b. Second question', '3. Three.']);
});

test('two instances of one abstract list share its counter; a start override restarts it', async () => {
  const numbering =
    abstractNum(0, [['decimal', '%1.']]) +
    num(1, 0) +
    num(2, 0) +
    num(3, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride>');
  const body = [numbered('a', 1), numbered('b', 2), numbered('c', 1), numbered('d', 3), numbered('e', 3), numbered('f', 1)].join('');
  assert.deepEqual(await lines({ body, numbering }), ['1. a', '2. b', '3. c', '10. d', '11. e', '12. f']);
});

test('levels: letters, roman numerals, "%1.%2" and restarts of a lower level', async () => {
  const numbering = abstractNum(0, [['decimal', '%1.'], ['lowerLetter', '%2)'], ['lowerRoman', '(%3)'], ['decimal', '%1.%4']], '') + num(1, 0);
  const body = [numbered('x', 1), numbered('y', 1, 1), numbered('z', 1, 1), numbered('w', 1, 2), numbered('v', 1), numbered('u', 1, 1), numbered('t', 1, 3)].join('');
  assert.deepEqual(await lines({ body, numbering }), ['1. x', 'a) y', 'b) z', '(i) w', '2. v', 'a) u', '2.1 t']);
});

test('bullets set in Symbol become "•"; numId 0 removes numbering; a suffix of nothing glues the number', async () => {
  const numbering =
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uF0B7"/><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr></w:lvl></w:abstractNum>' +
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>' +
    num(1, 0) +
    num(2, 1);
  const body = [numbered('radio spots', 1), numbered('not numbered', 0), numbered('Tight', 2)].join('');
  assert.deepEqual(await lines({ body, numbering }), ['\u2022 radio spots', 'not numbered', 'E.Tight']);
});

test('numbering that comes from a paragraph style, through basedOn', async () => {
  const numbering = abstractNum(0, [['decimal', '%1.']]) + num(7, 0);
  const styles =
    '<w:style w:type="paragraph" w:styleId="AnswerBase"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Answer"><w:basedOn w:val="AnswerBase"/></w:style>';
  const body = [p('first', '<w:pStyle w:val="Answer"/>'), p('plain'), p('second', '<w:pStyle w:val="Answer"/>')].join('');
  assert.deepEqual(await lines({ body, numbering, styles }), ['1. first', 'plain', '2. second']);
});

test('check boxes: content controls, legacy form fields, Wingdings symbols and ☑', async () => {
  const control = (checked: string) =>
    `<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="${checked}"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>X</w:t></w:r></w:sdtContent></w:sdt>`;
  const legacy = (inner: string) =>
    `<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:sizeAuto/>${inner}</w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;
  const t = (s: string) => `<w:r><w:t xml:space="preserve">${s}</w:t></w:r>`;
  const body = [
    `<w:p>${control('1')}${t('=Yes ')}${control('0')}${t('=No')}</w:p>`,
    `<w:p>${legacy('<w:default w:val="0"/><w:checked/>')}${t('=yes ')}${legacy('<w:default w:val="0"/>')}${t('=no ')}${legacy('<w:default w:val="1"/>')}</w:p>`,
    `<w:p><w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>${t('=yes ')}<w:r><w:sym w:font="Wingdings" w:char="F0A8"/></w:r>${t('=no')}</w:p>`,
    `<w:p><w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr><w:t>\u00FE</w:t></w:r>${t('=yes \u2611=no')}</w:p>`,
  ].join('');
  assert.deepEqual(await lines({ body }), ['\u2612=Yes \u2610=No', '\u2612=yes \u2610=no \u2612', '\u2612=yes \u2610=no', '\u2612=yes \u2612=no']);
});

test('footnote references become markers numbered in order of appearance, with their text', async () => {
  const ref = (id: number) => `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;
  const note = (id: number, inner: string) => `<w:footnote w:id="${id}"><w:p><w:r><w:footnoteRef/></w:r>${inner}</w:p></w:footnote>`;
  const body = `<w:p><w:r><w:t>Saudi Arabia.</w:t></w:r>${ref(7)}<w:r><w:t xml:space="preserve"> Next</w:t></w:r>${ref(3)}</w:p>` + `<w:p><w:r><w:t>Again</w:t></w:r>${ref(7)}</w:p>`;
  const footnotes =
    note(3, '<w:r><w:t xml:space="preserve"> ILO report, </w:t></w:r><w:hyperlink r:id="rL"><w:r><w:t>online</w:t></w:r></w:hyperlink>') +
    note(7, '<w:r><w:t xml:space="preserve"> IOM, 2019.</w:t></w:r>') +
    note(9, '<w:r><w:t>Orphan note.</w:t></w:r>');
  const doc = await readDocx(minimalDocx({ body, footnotes, links: { rL: 'https://www.ilo.org/report' } }));
  assert.deepEqual(doc.lines, ['Saudi Arabia.\u27E6fn:1\u27E7 Next\u27E6fn:2\u27E7', 'Again\u27E6fn:1\u27E7']);
  assert.deepEqual(doc.footnotes, [
    { number: 1, text: 'IOM, 2019.' },
    { number: 2, text: 'ILO report, online (https://www.ilo.org/report)' },
    { number: 3, text: 'Orphan note.' },
  ]);
  assert.ok(doc.readerWarnings?.some((w) => w.includes('footnote 3')));
});

test('tables: "Label: value" for two cells, " | " for more, one cell as lines, empty rows left out', async () => {
  const cell = (...paras: string[]) => `<w:tc>${paras.map((x) => p(x)).join('') || '<w:p/>'}</w:tc>`;
  const row = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
  const body =
    `<w:tbl>${row(cell('Country:'), cell('Republic of Arvenia'))}${row(cell('Office'), cell('Ministry of Labour', '14 Harbour Road'))}${row(cell('E-mail:'), cell())}${row(cell(), cell())}</w:tbl>` +
    `<w:tbl>${row(cell('People-centred'), cell('\u2612=yes \u2610=no'), cell('Because.'))}${row(cell('Human rights'), cell('\u2610=yes \u2610=no'), cell())}</w:tbl>` +
    `<w:tbl>${row(cell('Answer box', 'second paragraph'))}</w:tbl>`;
  assert.deepEqual(await lines({ body }), [
    'Country: Republic of Arvenia',
    'Office: Ministry of Labour 14 Harbour Road',
    'E-mail:',
    'People-centred | \u2612=yes \u2610=no | Because.',
    'Human rights | \u2610=yes \u2610=no |',
    'Answer box',
    'second paragraph',
  ]);
});

test('a question and its answer side by side, a header row, Yes/No columns marked X, and the structure of each line', async () => {
  const cell = (...paras: string[]) => `<w:tc>${paras.map((x) => p(x)).join('') || '<w:p/>'}</w:tc>`;
  const bold = (text: string) => `<w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>${text}</w:t></w:r></w:p></w:tc>`;
  const row = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
  const prompt = 'a. Please highlight the migration levels and trends, including drivers (if possible).';
  const body =
    '<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Question 1(a): Levels and trends</w:t></w:r></w:p>' +
    `<w:tbl>${row(bold('Question'), bold('Answer'))}${row(cell(prompt), cell('First paragraph.', 'Second paragraph.'))}</w:tbl>` +
    `<w:tbl>${row(bold('Guiding principle'), bold('Yes'), bold('No'), bold('Explanation'))}${row(cell('People-centred'), cell('X'), cell(), cell('Because.'))}${row(cell('Human rights'), cell(), cell('x'), cell())}</w:tbl>`;
  const doc = await readDocx(minimalDocx({ body }));
  assert.deepEqual(doc.lines, [
    'Question 1(a): Levels and trends',
    'Question: Answer',
    prompt,
    'First paragraph.',
    'Second paragraph.',
    'Guiding principle | Yes | No | Explanation',
    'People-centred | \u2612 Yes | \u2610 No | Because.',
    'Human rights | \u2610 Yes | \u2612 No |',
  ]);
  assert.deepEqual(doc.structure, [
    { heading: 2 },
    { table: { table: 0, row: 0, cell: 0, header: true } },
    { table: { table: 0, row: 1, cell: 0 } },
    { table: { table: 0, row: 1, cell: 1 } },
    { table: { table: 0, row: 1, cell: 1 } },
    { table: { table: 1, row: 0, cell: 0, header: true } },
    { table: { table: 1, row: 1, cell: 0 } },
    { table: { table: 1, row: 2, cell: 0 } },
  ]);
});

test('what a reader does not see: field codes, deleted text, hidden text, placeholders; breaks and tabs are kept', async () => {
  const body =
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "https://x.example"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>shown link</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>' +
    '<w:p><w:r><w:t xml:space="preserve">kept </w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>deleted </w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>inserted</w:t></w:r></w:ins></w:p>' +
    '<w:p><w:r><w:t xml:space="preserve">visible </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r></w:p>' +
    '<w:p><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>Click or tap here to enter text.</w:t></w:r></w:sdtContent></w:sdt></w:p>' +
    '<w:p><w:r><w:t>Intro:</w:t><w:br/><w:t>\u2022 item</w:t><w:tab/><w:t>cell\u00A0two</w:t></w:r></w:p>';
  const doc = await readDocx(minimalDocx({ body }));
  assert.deepEqual(doc.lines, ['shown link', 'kept inserted', 'visible', '', 'Intro:', '\u2022 item\tcell two']);
  assert.ok(doc.readerWarnings?.some((w) => /tracked changes/.test(w)));
  assert.ok(doc.readerWarnings?.some((w) => /placeholder/.test(w)));
});

test('text boxes are read after their paragraph; pictures are counted', async () => {
  const textBox = `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>${p('In the box')}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>${p('In the box')}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;
  const picture = '<w:r><w:drawing><wp:inline><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="rId9"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>';
  const doc = await readDocx(minimalDocx({ body: `<w:p><w:r><w:t>Host</w:t></w:r>${textBox}${picture}</w:p>${p('After')}` }));
  assert.deepEqual(doc.lines, ['Host', 'In the box', 'After']);
  assert.ok(doc.readerWarnings?.some((w) => /picture/.test(w)));
});

test('refuses files that are not Word documents, with a sentence naming what they are', async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  await assert.rejects(readDocx(png), (e: unknown) => code('unsupported-type')(e) && /PNG image/.test((e as Error).message));
  const xlsx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });
  await assert.rejects(readDocx(xlsx), (e: unknown) => code('unsupported-type')(e) && /Excel workbook/.test((e as Error).message));
  const doc97 = new Uint8Array(1024);
  doc97.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  await assert.rejects(readDocx(doc97), (e: unknown) => code('unsupported-type')(e) && /\.doc\)/.test((e as Error).message));
  await assert.rejects(readDocx(minimalDocx({ body: p('') })), code('no-text'));
  await assert.rejects(readDocx(new Uint8Array(0)), code('empty'));
  await assert.rejects(readDocx(minimalDocx({ body: p('x'.repeat(2000)) }), { maxBytes: 500 }), code('too-large'));
});

test('refuses XML that declares a document type or entities, before parsing it', async () => {
  const xxe = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>`;
  await assert.rejects(readDocx(minimalDocx({ body: '', raw: { 'word/document.xml': xxe } })), (e: unknown) => code('unsafe-xml')(e) && /document type/.test((e as Error).message));
  const broken = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p></w:body>';
  await assert.rejects(readDocx(minimalDocx({ body: '', raw: { 'word/document.xml': broken } })), code('damaged'));
});
