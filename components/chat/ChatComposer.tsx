'use client';

import { useRef, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { ArrowUpIcon } from '@/components/ui/icons';
import {
  IMAGE_TYPES,
  imageRejection,
  imageSupportNote,
  type ImageAttachment,
  type ImageSupport,
} from '@/lib/chat/attachments';
import { elementChipLabel, type SelectedElement } from '@/lib/chat/element-reference';
import type { OutgoingMessage } from './agent-chat-controller';

export type ChatMode = 'build' | 'discuss';

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The image could not be read.'));
    reader.readAsDataURL(file);
  });
}

let nextAttachmentId = 0;

export function ChatComposer({
  busy,
  disabled,
  mode,
  onModeChange,
  imageSupport,
  elements,
  onRemoveElement,
  onSend,
  onStop,
}: {
  /** A reply streams or a tool runs: Stop replaces Send. */
  busy: boolean;
  disabled?: boolean;
  mode: ChatMode;
  onModeChange: (mode: ChatMode) => void;
  imageSupport: ImageSupport;
  /** Elements picked in the preview; they go with the next message. */
  elements: SelectedElement[];
  onRemoveElement: (selector: string) => void;
  onSend: (message: OutgoingMessage) => void;
  onStop: () => void;
}) {
  const [text, setText] = useState('');
  const [images, setImages] = useState<ImageAttachment[]>([]);
  const [attachError, setAttachError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const canAttach = imageSupport !== 'no';

  const addImages = async (files: File[]) => {
    setAttachError(null);
    let count = images.length;
    const added: ImageAttachment[] = [];
    for (const file of files) {
      const rejection = imageRejection(file, count);
      if (rejection) {
        setAttachError(rejection);
        continue;
      }
      try {
        const url = await readAsDataUrl(file);
        added.push({ id: `img-${nextAttachmentId++}`, name: file.name || 'pasted-image.png', mediaType: file.type, url, bytes: file.size });
        count++;
      } catch {
        setAttachError(`${file.name || 'The pasted image'} could not be read. Try saving it as a PNG first.`);
      }
    }
    if (added.length > 0) setImages((current) => [...current, ...added]);
  };

  const send = () => {
    const value = text.trim();
    if ((!value && images.length === 0) || busy || disabled) return;
    onSend({ text: value, images, elements });
    setText('');
    setImages([]);
    setAttachError(null);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...event.clipboardData.files].filter((file) => file.type.startsWith('image/'));
    if (files.length === 0) return;
    event.preventDefault();
    if (!canAttach) {
      setAttachError(imageSupportNote('no'));
      return;
    }
    void addImages(files);
  };

  const note = images.length > 0 ? imageSupportNote(imageSupport) : null;

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-1.5 border-t border-zinc-800 p-2">
      {(elements.length > 0 || images.length > 0) && (
        <div className="flex flex-wrap gap-1.5">
          {elements.map((element) => (
            <span
              key={element.selector}
              data-testid="chat-element-chip"
              title={element.selector}
              className="inline-flex max-w-full items-center gap-1 rounded-full border border-sky-500/40 bg-sky-950/50 px-2 py-0.5 font-mono text-xs text-sky-100"
            >
              <span className="truncate">{elementChipLabel(element)}</span>
              <button
                type="button"
                aria-label="Remove this element"
                className="text-sky-300 hover:text-white"
                onClick={() => onRemoveElement(element.selector)}
              >
                ×
              </button>
            </span>
          ))}
          {images.map((image) => (
            <span key={image.id} data-testid="chat-attachment" className="relative inline-block">
              {/* eslint-disable-next-line @next/next/no-img-element -- a local data: URL, nothing to optimise */}
              <img src={image.url} alt={image.name} className="h-14 w-14 rounded border border-zinc-700 object-cover" />
              <button
                type="button"
                aria-label={`Remove ${image.name}`}
                onClick={() => setImages((current) => current.filter((i) => i.id !== image.id))}
                className="absolute -right-1.5 -top-1.5 h-4 w-4 rounded-full bg-zinc-700 text-[10px] leading-4 text-white hover:bg-zinc-500"
              >
                ×
              </button>
            </span>
          ))}
        </div>
      )}
      {(attachError || note) && (
        <p data-testid="chat-attach-note" role={attachError ? 'alert' : 'status'} className={`text-xs ${attachError ? 'text-red-300' : 'text-amber-300'}`}>
          {attachError ?? note}
        </p>
      )}
      {/* Send sits in the toolbar under the text, so the text keeps the full width on a phone. */}
      <div className="flex flex-col gap-1 rounded-lg border border-zinc-700 bg-zinc-950 p-1.5 focus-within:border-sky-500">
        <textarea
          data-testid="chat-input"
          aria-label="Message to the agent"
          placeholder={
            busy
              ? 'The agent is working… you can type your next message'
              : mode === 'discuss'
                ? 'Ask about your project (no files change)'
                : 'Describe a change or ask a question'
          }
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          rows={Math.min(8, Math.max(2, text.split('\n').length))}
          className="min-h-10 w-full resize-none bg-transparent px-1.5 py-1 text-sm text-zinc-100 placeholder:text-zinc-500 focus:outline-none"
        />
        <div className="flex items-center gap-2 text-xs">
          <div className="flex overflow-hidden rounded border border-zinc-700" role="group" aria-label="Chat mode">
            {(['build', 'discuss'] as const).map((value) => (
              <button
                key={value}
                type="button"
                data-testid={`chat-mode-${value}`}
                aria-pressed={mode === value}
                title={value === 'build' ? 'The agent changes files and runs your app' : 'Questions only: no files change'}
                onClick={() => onModeChange(value)}
                className={`px-2 py-0.5 ${mode === value ? 'bg-zinc-700 text-zinc-100' : 'text-zinc-400 hover:bg-zinc-800'}`}
              >
                {value === 'build' ? 'Build' : 'Discuss'}
              </button>
            ))}
          </div>
          <input
            ref={fileInput}
            type="file"
            accept={IMAGE_TYPES.join(',')}
            multiple
            hidden
            data-testid="chat-attach-input"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              void addImages(files);
            }}
          />
          <button
            type="button"
            data-testid="chat-attach"
            disabled={!canAttach}
            title={canAttach ? 'Attach a screenshot or sketch (you can also paste one)' : (imageSupportNote('no') ?? '')}
            onClick={() => fileInput.current?.click()}
            className="rounded px-2 py-0.5 text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100 disabled:cursor-not-allowed disabled:opacity-40"
          >
            Attach image
          </button>
          <span className="ml-auto">
            {busy ? (
              <Button variant="danger" size="md" onClick={onStop} data-testid="chat-stop" aria-label="Stop the agent">
                <span className="h-2.5 w-2.5 rounded-[2px] bg-current" />
                Stop
              </Button>
            ) : (
              <Button
                variant="primary"
                size="md"
                type="submit"
                disabled={disabled || (text.trim() === '' && images.length === 0)}
                data-testid="chat-send"
                aria-label="Send"
              >
                <ArrowUpIcon />
                Send
              </Button>
            )}
          </span>
        </div>
      </div>
    </form>
  );
}
