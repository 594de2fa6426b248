export {
  PREVIEW_BRIDGE_SOURCE,
  PREVIEW_COMMAND_SOURCE,
  parsePreviewBridgeMessage,
  pingCommand,
  reloadCommand,
  runStepsCommand,
  selectModeCommand,
  toPreviewError,
  type PreviewBridgeError,
  type PreviewBridgeMessage,
  type PreviewErrorKind,
  type PreviewReloadCommand,
  type PreviewRunStepsCommand,
  type PreviewSelectModeCommand,
  type SelectedElement,
} from './messages';
export { PREVIEW_BRIDGE_PATH, previewBridgeScript } from './bridge-script';
export * from './steps';
