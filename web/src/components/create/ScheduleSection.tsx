/**
 * Jadwal: the chosen method's schedule parameters as number inputs, each with its unit in Indonesian, its default and
 * the range the server accepts (min/max). Starts at the defaults; "Kembalikan ke bawaan" resets them.
 */
import { Field } from './Field';
import type { MethodParam } from '../../api/types';
import { UNIT_NAMES } from './types';

export function ScheduleSection({
  params,
  values,
  onChange,
  errors,
}: {
  params: MethodParam[] | undefined;
  values: Record<string, string>;
  onChange: (next: Record<string, string>) => void;
  errors: Record<string, string>;
}) {
  if (!params) {
    return (
      <fieldset>
        <legend>Jadwal</legend>
        <p className="help">Jadwal mengikuti metode: pilih metode terlebih dahulu.</p>
      </fieldset>
    );
  }
  const changed = params.some((p) => values[p.id] !== String(p.default));
  return (
    <fieldset>
      <legend>Jadwal</legend>
      <p className="help">Lama tiap tahap dihitung dari saat tahap dimulai. Hari kerja tidak menghitung Sabtu, Minggu dan hari libur nasional.</p>
      <div className="schedule-grid">
        {params.map((p) => {
          const unit = p.unitName || UNIT_NAMES[p.unit];
          return (
            <Field
              key={p.id}
              id={`schedule-${p.id}`}
              label={
                <>
                  {p.name} <span className="unit">({unit})</span>
                </>
              }
              help={
                <>
                  Bawaan {p.default} {unit}; {p.min}–{p.max}
                  {p.endOnWorkingTime ? '; berakhir pada jam kerja' : ''}
                </>
              }
              error={errors[`schedule.${p.id}`]}
            >
              <input
                type="number"
                inputMode="numeric"
                min={p.min}
                max={p.max}
                step={1}
                value={values[p.id] ?? ''}
                onChange={(e) => onChange({ ...values, [p.id]: e.target.value })}
              />
            </Field>
          );
        })}
      </div>
      {changed && (
        <button type="button" className="secondary" onClick={() => onChange(Object.fromEntries(params.map((p) => [p.id, String(p.default)])))}>
          Kembalikan ke bawaan
        </button>
      )}
    </fieldset>
  );
}
