import type { ModelsResponse } from './model-options';

/** Big screenshots are fine; anything larger is usually a photo that should be cropped first. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGES_PER_MESSAGE = 4;
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

export interface ImageAttachment {
  id: string;
  name: string;
  mediaType: string;
  /** `data:` URL, sent to the model as an AI SDK `file` part. */
  url: string;
  bytes: number;
}

/**
 * yes: the model is known to read images. maybe: an OpenAI-compatible server that does not say
 * (sent anyway, with a warning). no: the model cannot take images.
 */
export type ImageSupport = 'yes' | 'maybe' | 'no';

export function imageSupport(modelId: string | null, response: ModelsResponse | null): ImageSupport {
  if (!modelId) return 'no';
  const model = response?.models.find((m) => m.id === modelId);
  if (model?.supportsImages) return 'yes';
  if (model?.isDemo || modelId.startsWith('demo:')) return 'no';
  const provider = model?.provider ?? modelId.split(':')[0];
  return provider === 'openai-compatible' ? 'maybe' : 'no';
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** A plain-language reason the file cannot be attached, or null when it can. */
export function imageRejection(file: { name: string; type: string; size: number }, alreadyAttached: number): string | null {
  const name = file.name || 'The pasted image';
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) {
    return `${name} is not a PNG, JPEG, GIF or WebP image, so it cannot be attached.`;
  }
  if (file.size > MAX_IMAGE_BYTES) {
    return `${name} is ${formatMegabytes(file.size)}; images can be at most ${formatMegabytes(MAX_IMAGE_BYTES)}. Crop it or take a smaller screenshot.`;
  }
  if (alreadyAttached >= MAX_IMAGES_PER_MESSAGE) {
    return `At most ${MAX_IMAGES_PER_MESSAGE} images fit in one message. Send these first, then attach more.`;
  }
  return null;
}

/** What the composer says about images for the chosen model; null when there is nothing to say. */
export function imageSupportNote(support: ImageSupport): string | null {
  if (support === 'maybe') return 'This model may not read images. If it fails, pick a model marked "· images".';
  if (support === 'no') return 'This model cannot read images. Pick a model marked "· images" to attach one.';
  return null;
}
