/**
 * A column header that sorts the list: a real button (keyboard), `aria-sort` on the header cell for screen readers,
 * and an arrow with the direction in words for sighted users.
 */
export function SortHeader({
  label,
  column,
  sort,
  onSort,
  firstDescending = false,
  className,
}: {
  label: string;
  column: string;
  sort: string;
  onSort: (next: string) => void;
  /** Money and dates read best largest/newest first on the first click. */
  firstDescending?: boolean;
  className?: string;
}) {
  const active = sort.replace(/^-/, '') === column;
  const desc = sort.startsWith('-');
  const next = active ? (desc ? column : `-${column}`) : firstDescending ? `-${column}` : column;
  return (
    <th scope="col" className={className} aria-sort={active ? (desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort" onClick={() => onSort(next)}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (desc ? '▼' : '▲') : '↕'}
        </span>
        <span className="visually-hidden">{active ? (desc ? ', urut menurun; ubah ke menaik' : ', urut menaik; ubah ke menurun') : ', urutkan'}</span>
      </button>
    </th>
  );
}
