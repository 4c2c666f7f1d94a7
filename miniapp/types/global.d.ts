/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** The platform Taro is building for. */
    TARO_ENV?: 'weapp' | 'h5';
    /** Base URL of the API; empty means same origin (h5 served by the API server). Set in config/index.ts. */
    TARO_APP_API_BASE?: string;
  }
}
