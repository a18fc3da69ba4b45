/**
 * Renders a document's content (domain/documents/content.ts) to PDF bytes with pdfkit.
 *
 * Deterministic: the same content and the same `createdAt` give byte-identical files, so a retried activity renders
 * the same bytes and the stored SHA-256 means something. pdfkit reads the clock in one place only, the default
 * info.CreationDate; we always pass CreationDate and ModDate. Its trailer /ID is an MD5 of the info dictionary
 * (PDFSecurity.generateFileID), so with fixed info it is fixed too; `subject` (the document id) goes into the info so
 * two different documents do not share an /ID. Only the built-in Helvetica is used: nothing is embedded or subset, and
 * no font subset tag or random value ends up in the file. Streams are deflated with zlib, which is deterministic for
 * the same input and level. The SHA-256 is computed over the finished bytes and is never written inside them.
 */
import PDFDocument from 'pdfkit';
import type { DocumentContent } from '../../domain/documents/content';

export interface RenderOptions {
  /** Written as CreationDate and ModDate; the only time in the file. */
  createdAt: Date;
  /** Info Subject, e.g. the document id `${packageId}:${kind}:${revision}`. */
  subject?: string;
  /** Info Author, e.g. the OPD. */
  author?: string;
}

const FONT = 'Helvetica';
const FONT_BOLD = 'Helvetica-Bold';
const MARGIN = 64; // ~2.25 cm
const LABEL_WIDTH = 170;
const GAP = 8;

export function renderPdf(content: DocumentContent, opts: RenderOptions): Promise<Buffer> {
  if (!(opts.createdAt instanceof Date) || Number.isNaN(opts.createdAt.getTime())) {
    return Promise.reject(new TypeError('renderPdf needs a valid createdAt'));
  }
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    pdfVersion: '1.7',
    compress: true,
    info: {
      Title: content.title,
      ...(opts.subject ? { Subject: opts.subject } : {}),
      ...(opts.author ? { Author: opts.author } : {}),
      Creator: 'Pengadaan E-Kontrak',
      Producer: 'PDFKit',
      CreationDate: opts.createdAt,
      ModDate: opts.createdAt,
    },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Uint8Array) => chunks.push(Buffer.from(c)));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  // Heading: OPD, unit, title, number — centred.
  content.heading.forEach((line, i) => {
    const isTitle = i === content.heading.length - 2;
    doc.font(isTitle || i === 0 ? FONT_BOLD : FONT).fontSize(isTitle ? 14 : 11);
    if (isTitle) doc.moveDown(0.8);
    doc.text(line, left, doc.y, { width, align: 'center' });
  });
  doc.moveDown(0.5);
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(0.8)
    .stroke();
  doc.moveDown(1);

  // Sections: label and value side by side, the value wrapping in its own column.
  doc.font(FONT).fontSize(10.5);
  const valueX = left + LABEL_WIDTH + GAP;
  const valueWidth = width - LABEL_WIDTH - GAP;
  for (const { label, value } of content.sections) {
    const h = Math.max(doc.heightOfString(label, { width: LABEL_WIDTH }), doc.heightOfString(`: ${value}`, { width: valueWidth }));
    if (doc.y + h > bottom()) doc.addPage();
    const y = doc.y;
    doc.text(label, left, y, { width: LABEL_WIDTH });
    doc.text(`: ${value}`, valueX, y, { width: valueWidth });
    doc.x = left;
    doc.y = y + h + 3;
  }

  // Body.
  doc.moveDown(1).fontSize(11);
  for (const p of content.paragraphs) {
    doc.text(p, left, doc.y, { width, align: 'justify' });
    doc.moveDown(0.6);
  }

  doc.end();
  return done;
}
