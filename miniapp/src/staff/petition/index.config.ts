export default definePageConfig({ navigationBarTitleText: '信访事项', enablePullDownRefresh: true });
