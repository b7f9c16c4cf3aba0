import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { errorMessage } from './useErrorMessage'

/**
 * What a button does that is not a form (a download, an unlock): `busy` while it
 * runs, for the button's spinner; a failure is said in a message with the
 * server's reason. `run` answers whether it went through.
 */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>) {
  const busy = ref(false)
  async function run(...args: A): Promise<boolean> {
    busy.value = true
    try {
      await action(...args)
      return true
    } catch (error) {
      ElMessage.error(errorMessage(error))
      return false
    } finally {
      busy.value = false
    }
  }
  return { busy, run }
}
