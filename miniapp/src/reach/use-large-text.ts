import { useEffect, useState } from 'react';
import { deviceStorage } from '@/platform/device-storage';
import { systemPrefersLargeText } from './system-font';
import { TextSizeStore } from './text-size';

/** The app's one text-size store. */
export const textSize = new TextSizeStore(deviceStorage, systemPrefersLargeText);

/** Whether large text is on, re-rendering when any page toggles it. */
export function useLargeText(): [large: boolean, toggle: () => void] {
  const [large, setLarge] = useState(() => textSize.large);
  useEffect(() => {
    setLarge(textSize.large);
    return textSize.subscribe(setLarge);
  }, []);
  return [large, () => textSize.toggle()];
}
