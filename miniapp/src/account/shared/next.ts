import Taro from '@tarojs/taro';
import { routes } from '@/routes';

/** Leaves a sign-in step for where the person was going (`next`), or the home page. */
export function continueTo(next: string | undefined): void {
  const url = next ? decodeURIComponent(next) : routes.home;
  void Taro.redirectTo({ url: url.startsWith('/') ? url : routes.home }).catch(() =>
    Taro.reLaunch({ url: routes.home }),
  );
}
