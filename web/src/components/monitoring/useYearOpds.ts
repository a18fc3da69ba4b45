/**
 * The OPDs of a fiscal year for the OPD filter: read from the year summary over every OPD (the same query the
 * summary page makes without an OPD filter, so it is usually cached already).
 */
import { useQuery } from '@tanstack/react-query';
import { yearSummaryQuery } from './queries';

export function useYearOpds(fiscalYear: number): string[] | undefined {
  const q = useQuery({
    ...yearSummaryQuery(fiscalYear, ''),
    staleTime: 60_000,
    select: (s) => [...new Set([...s.absorptionByOpd.map((r) => r.opd), ...s.byOpdMethod.map((r) => r.opd)])].sort((a, b) => a.localeCompare(b, 'id')),
  });
  return q.data;
}
