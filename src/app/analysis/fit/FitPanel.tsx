/**
 * The fit tab of the bottom panel: the controls and the run's status on top; the setup (what is
 * fitted, the target, the loss, the optimiser) in a column at the left; live charts at the right —
 * the loss curve (with the previous run's, to compare optimisers), the model over the target, and
 * one trajectory per trained value. The fit runs in its own worker; state lives in fitStore, so a
 * running fit and its charts survive switching tabs.
 */
import { usePlotTheme } from '../../plots/theme';
import { FitControls } from './FitControls';
import { FitLossChart } from './FitLossChart';
import { FitLossSection } from './FitLossSection';
import { FitOptimizerSection } from './FitOptimizerSection';
import { FitOverlayChart } from './FitOverlayChart';
import { FitParamCharts } from './FitParamCharts';
import { FitSetupSection } from './FitSetupSection';
import { FitTargetSection } from './FitTargetSection';
import { fitStore, useFit } from './fitInstance';
import './FitPanel.css';

export function FitPanel() {
  const theme = usePlotTheme();
  const message = useFit((s) => s.message);
  return (
    <div className="fit-panel" data-testid="fit-panel">
      <FitControls />
      {message && (
        <div className={`fit-message fit-message-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="fit-message">
          <span>{message.text}</span>
          <button type="button" aria-label="dismiss the message" onClick={() => fitStore.getState().clearMessage()}>
            ×
          </button>
        </div>
      )}
      <div className="fit-body">
        <div className="fit-side">
          <FitSetupSection />
          <FitTargetSection />
          <FitLossSection />
          <FitOptimizerSection />
        </div>
        <div className="fit-main">
          <div className="fit-charts">
            <FitLossChart theme={theme} />
            <FitOverlayChart theme={theme} />
            <FitParamCharts theme={theme} />
          </div>
        </div>
      </div>
    </div>
  );
}
