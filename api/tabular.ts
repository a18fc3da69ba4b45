/**
 * Tables as files: every monitoring table exports to CSV (csv-stringify) and XLSX (exceljs' streaming writer) with
 * the filters of the page applied. Rows come from an async source a batch at a time (`batches`), so a long export
 * streams from the database to the client and never sits in memory as one file.
 *
 * CSV: UTF-8 with a byte-order mark (so spreadsheet programs read "Rp" and accents right), comma separated, money as
 * integer rupiah, times as ISO 8601 in WIB (+07:00) — values a program can read back. XLSX: money formatted as rupiah,
 * times as WIB date-time cells, the header row frozen.
 */
import { once } from 'node:events';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { z } from 'zod';

export const TABLE_FORMATS = ['csv', 'xlsx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];
/** `format` query parameter of a table endpoint: absent → the JSON page, csv / xlsx → every row as a file. */
export const TableFormatParam = z.enum(TABLE_FORMATS).optional();

export const CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export type ColumnType = 'text' | 'int' | 'money' | 'pct' | 'datetime';
export type CellValue = string | number | boolean | null | undefined;

export interface Column<Row> {
  /** Machine name (CSV header is the Indonesian `header`; the key documents the column in OpenAPI and tests). */
  key: string;
  header: string;
  type?: ColumnType;
  /** text: string; int/money: integer; pct: percentage number (43.75 = 43,75%); datetime: ISO 8601 string. */
  value: (row: Row) => CellValue;
}

export interface TableFile<Row> {
  /** File name without extension, e.g. `terlambat-2026`. */
  filename: string;
  /** XLSX sheet name (≤ 31 characters). */
  sheet?: string;
  columns: readonly Column<Row>[];
  rows: AsyncIterable<Row> | Iterable<Row>;
}

const WIB_MS = 7 * 3_600_000;

/** An ISO instant as ISO 8601 in WIB: 2026-12-07T14:00:00+07:00. */
export function isoWib(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t + WIB_MS).toISOString().slice(0, 19)}+07:00`;
}

function csvCell(type: ColumnType | undefined, v: CellValue): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (type === 'datetime' && typeof v === 'string') return isoWib(v);
  return v;
}

function xlsxCell(type: ColumnType | undefined, v: CellValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  // Excel has no time zones: a WIB wall-clock time is stored as that date-time.
  if (type === 'datetime' && typeof v === 'string') return Number.isNaN(Date.parse(v)) ? v : new Date(Date.parse(v) + WIB_MS);
  if (type === 'pct' && typeof v === 'number') return v / 100;
  return v;
}

const NUM_FMT: Partial<Record<ColumnType, string>> = {
  int: '#,##0',
  money: '"Rp"#,##0',
  pct: '0.00%',
  datetime: 'dd/mm/yyyy hh:mm "WIB"',
};

function attachment(res: Response, format: TableFormat, filename: string) {
  const safe = filename.replace(/[^A-Za-z0-9._-]+/g, '-');
  res.status(200);
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  res.setHeader('Content-Disposition', `attachment; filename="${safe}.${format}"`);
  res.setHeader('Cache-Control', 'no-store');
}

async function writeCsv<Row>(res: Response, t: TableFile<Row>) {
  const csv = stringify({ bom: true, header: true, columns: t.columns.map((c) => ({ key: c.key, header: c.header })) });
  csv.pipe(res);
  for await (const row of t.rows) {
    if (res.destroyed) break;
    const record = Object.fromEntries(t.columns.map((c) => [c.key, csvCell(c.type, c.value(row))]));
    if (!csv.write(record)) await once(csv, 'drain');
  }
  csv.end();
  await once(res, 'finish').catch(() => undefined);
}

async function writeXlsx<Row>(res: Response, t: TableFile<Row>) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  book.creator = 'Pengadaan';
  const sheet = book.addWorksheet((t.sheet ?? t.filename).slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = t.columns.map((c) => ({
    key: c.key,
    header: c.header,
    width: Math.min(60, Math.max(12, c.header.length + 2)),
    ...(c.type && NUM_FMT[c.type] ? { style: { numFmt: NUM_FMT[c.type] } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const row of t.rows) {
    if (res.destroyed) break;
    sheet.addRow(t.columns.map((c) => xlsxCell(c.type, c.value(row)))).commit();
  }
  sheet.commit();
  await book.commit();
}

/** Sends every row of a table as a CSV or XLSX attachment, streamed. */
export async function sendTable<Row>(res: Response, format: TableFormat, t: TableFile<Row>): Promise<void> {
  attachment(res, format, t.filename);
  if (format === 'csv') await writeCsv(res, t);
  else await writeXlsx(res, t);
}

/**
 * Rows of a query a batch at a time: `load(offset, limit)` is called until it returns fewer than `batch` rows. Use a
 * stable order (ending in a unique column) so no row is read twice or skipped.
 */
export async function* batches<Row>(load: (offset: number, limit: number) => Promise<readonly Row[]>, batch = 1000): AsyncGenerator<Row> {
  for (let offset = 0; ; offset += batch) {
    const rows = await load(offset, batch);
    yield* rows;
    if (rows.length < batch) return;
  }
}
