export default definePageConfig({ navigationBarTitleText: '一键移交' });
