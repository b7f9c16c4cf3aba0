import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/dist/index.css'
import './styles/main.css'
import App from './App.vue'
import { i18n } from './i18n'
import { createAppRouter } from './router'
import { configureClient } from './api/client'
import { useLocaleStore } from './stores/locale'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)

const locale = useLocaleStore(pinia)
configureClient({ language: () => locale.locale })

app.use(createAppRouter())
app.mount('#app')
