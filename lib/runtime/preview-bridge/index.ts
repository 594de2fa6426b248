export {
  PREVIEW_BRIDGE_SOURCE,
  parsePreviewBridgeMessage,
  toPreviewError,
  type PreviewBridgeError,
  type PreviewBridgeMessage,
  type PreviewErrorKind,
} from './messages';
export { PREVIEW_BRIDGE_PATH, previewBridgeScript } from './bridge-script';
