export default definePageConfig({ navigationBarTitleText: '信访经历' });
