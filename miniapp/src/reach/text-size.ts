import type { KeyValueStore } from '@/platform/storage';

/**
 * The large-text mode (大字模式): a person's explicit choice, kept on the device, or — until they
 * choose — the platform's own font-size setting where it tells us. Every page reads it through
 * `<Page>`, which puts the `xf-large` class on its root; styles scale with the `text` mixin.
 */
export type TextSizeChoice = 'system' | 'normal' | 'large';

export const TEXT_SIZE_KEY = 'xinfang.textSize';

type Listener = (large: boolean) => void;

export class TextSizeStore {
  private choice: TextSizeChoice;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly storage: KeyValueStore,
    private readonly systemPrefersLarge: () => boolean,
  ) {
    const stored = storage.get<TextSizeChoice>(TEXT_SIZE_KEY);
    this.choice = stored === 'normal' || stored === 'large' ? stored : 'system';
  }

  get large(): boolean {
    if (this.choice === 'system') return this.systemPrefersLarge();
    return this.choice === 'large';
  }

  get choiceMade(): TextSizeChoice {
    return this.choice;
  }

  set(large: boolean): void {
    this.choice = large ? 'large' : 'normal';
    this.storage.set(TEXT_SIZE_KEY, this.choice);
    for (const listener of [...this.listeners]) listener(large);
  }

  toggle(): void {
    this.set(!this.large);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
