import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import App from './App.vue';
import { i18n, setLocale, currentLocale } from './locales';
import { setupRouter } from './router';
import './styles.css';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
setLocale(currentLocale());
app.use(ElementPlus);
app.use(setupRouter());
app.mount('#app');
