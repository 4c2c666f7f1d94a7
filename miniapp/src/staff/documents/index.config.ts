export default definePageConfig({ navigationBarTitleText: '文书设置' });
