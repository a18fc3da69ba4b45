/**
 * The methods the rules allow for the category and value being typed (GET /api/method-options): asked only once
 * category and HPS are valid, and only after typing pauses, so the server is not asked at every keystroke.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import type { Category } from '../../api/types';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [JSON.stringify(value), ms]); // by value: a new object with the same fields does not restart the wait
  return v;
}

export function useMethodOptions(input: { category: string; hps: number | null; pagu: number | null; fiscalYear: number | null }) {
  const q = useDebounced(input, 350);
  const ready = !!q.category && q.hps !== null && (q.pagu === null || q.hps <= q.pagu);
  return useQuery({
    queryKey: ['method-options', q],
    enabled: ready,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    queryFn: () =>
      call(
        api.GET('/api/method-options', {
          params: {
            query: {
              category: q.category as Category,
              hps: q.hps!,
              ...(q.pagu !== null ? { pagu: q.pagu } : {}),
              ...(q.fiscalYear !== null ? { fiscalYear: q.fiscalYear } : {}),
            },
          },
        }),
      ),
  });
}
