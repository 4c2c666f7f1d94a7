export default definePageConfig({ navigationBarTitleText: '运行状态' });
