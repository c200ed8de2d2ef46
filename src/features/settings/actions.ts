import { useStore } from '../../store/store';

export function setConfirmSendMiB(confirmSendMiB: number): void {
  useStore.setState((s) => ({ preferences: { ...s.preferences, confirmSendMiB } }));
}
