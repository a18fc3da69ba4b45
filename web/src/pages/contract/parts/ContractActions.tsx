/**
 * The signed-in user's contract steps (`myActions` of GET …/contract, target 'contract'), each as the form the package
 * page uses (forms/ActionForm, generated from the step's JSON Schema): nothing here knows a step. What the page adds
 * is context: the contract's data for reference fields (a report to review) and the current contract document, whose
 * SHA-256 a signature must carry; it is shown here too, so the signer sees what they sign before opening the form.
 */
import { useQueryClient } from '@tanstack/react-query';
import { ActionForm } from '../../../forms/ActionForm';
import { buildStepContext, type DocumentRef } from '../../../forms/context';
import { OrphanedOutcomes, useStepOutcomes } from '../../../forms/StepOutcomes';
import type { ContractView } from './types';

export function ContractActions({ packageId, view, documentHash }: { packageId: string; view: ContractView; documentHash?: string }) {
  const queryClient = useQueryClient();
  // The last answer to each step stays here after it leaves myActions (a signature is done once; a refusal keeps its reason).
  const outcomes = useStepOutcomes();
  const actions = (view.myActions ?? []).filter((a) => a.target === 'contract');
  const orphaned = outcomes.orphaned(actions);
  if (actions.length === 0 && orphaned.length === 0) return null;
  // Reference fields (reportId) look for their items in the data; a signature refers to the newest contract document.
  const data = { terms: view.terms, signatures: view.signatures, addenda: view.addenda, reports: view.progressReports };
  const kontrak: DocumentRef[] = view.documents
    .filter((d) => d.kind === 'kontrak')
    .map((d) => ({ id: d.id, title: d.title, kind: d.kind, fileName: d.fileName, sha256: d.sha256, createdAt: d.createdAt }));
  const context = buildStepContext(data, kontrak);
  // A step that carries a document hash is a signature on that document (by its schema, not its id).
  const signs = actions.some((a) => !!(a.schema.properties as Record<string, unknown> | undefined)?.documentHash);
  return (
    <section aria-labelledby="judul-tindakan-kontrak" className="card">
      <h2 id="judul-tindakan-kontrak" style={{ marginTop: 0 }}>
        Tindakan Anda pada kontrak
      </h2>
      {signs && documentHash && (
        <p className="alert info">
          Tanda tangan elektronik mengikat Anda pada dokumen kontrak dengan hash SHA-256 <code className="hash">{documentHash}</code>. Unduh dan periksa
          dokumennya di bagian Dokumen sebelum menandatangani.
        </p>
      )}
      <OrphanedOutcomes outcomes={orphaned} packageId={packageId} />
      {actions.length === 0 && <p className="muted">Tidak ada langkah lain untuk Anda pada tahap ini.</p>}
      {actions.map((a) => (
        <ActionForm
          key={a.id}
          packageId={packageId}
          action={a}
          context={context}
          recent={outcomes.of(a.id)}
          onOutcome={outcomes.remember}
          onDone={() => void queryClient.invalidateQueries({ queryKey: ['packages', packageId] })}
        />
      ))}
    </section>
  );
}
