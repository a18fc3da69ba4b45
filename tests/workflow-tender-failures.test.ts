/** Tender failure and cancellation branches (Perpres 16/2018 Pasal 51) on the time-skipping server. */
import { runScenarios } from './support/scenario';
import { pokja, ppk, tenderInput, vendorA } from './support/tender-fixture';

runScenarios('tender: failure and cancellation branches', [
  {
    name: 'cancellation (batal) by the PPK closes the open window and ends the package',
    input: tenderInput('pkt-scbatal001'),
    steps: [
      { do: 'announce', as: pokja },
      { do: 'register', as: vendorA },
      { refuse: 'cancel', as: vendorA, payload: { reason: 'saya ingin membatalkan' }, status: 403 },
      { do: 'cancel', as: ppk, payload: { reason: 'Kebutuhan berubah setelah banjir.' } },
      { expectStage: 'cancelled' },
    ],
    endStatus: 'batal',
  },
]);
