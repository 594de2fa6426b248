export {
  PREVIEW_BRIDGE_SOURCE,
  PREVIEW_COMMAND_SOURCE,
  parsePreviewBridgeMessage,
  selectModeCommand,
  toPreviewError,
  type PreviewBridgeError,
  type PreviewBridgeMessage,
  type PreviewErrorKind,
  type PreviewSelectModeCommand,
  type SelectedElement,
} from './messages';
export { PREVIEW_BRIDGE_PATH, previewBridgeScript } from './bridge-script';
