import Taro from '@tarojs/taro';

/**
 * WeChat tells us the font size the person set in WeChat (设置 → 通用 → 字体大小): 16–17 px is the
 * standard size; larger means they want large text. The h5 twin is `system-font.h5.ts`.
 */
export const LARGE_SYSTEM_FONT_PX = 20;

export function systemPrefersLargeText(): boolean {
  try {
    const info = (Taro.getAppBaseInfo?.() ?? Taro.getSystemInfoSync()) as { fontSizeSetting?: number };
    return typeof info.fontSizeSetting === 'number' && info.fontSizeSetting >= LARGE_SYSTEM_FONT_PX;
  } catch {
    return false;
  }
}
