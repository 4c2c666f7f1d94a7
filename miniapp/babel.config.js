/**
 * Babel for Taro (https://docs.taro.zone/docs/next/babel-config), plus NutUI on-demand imports:
 * `import { Button } from '@nutui/nutui-react-taro'` becomes the component's own module and its
 * prebuilt CSS, so only the components a page uses reach the bundle.
 */
const nutui = '@nutui/nutui-react-taro/dist/es/packages';

module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        camel2DashComponentName: false,
        customName: (name) => `${nutui}/${name.toLowerCase()}`,
        customStyleName: (name) => `${nutui}/${name.toLowerCase()}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
};
