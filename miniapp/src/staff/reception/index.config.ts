export default definePageConfig({ navigationBarTitleText: '领导接访日' });
